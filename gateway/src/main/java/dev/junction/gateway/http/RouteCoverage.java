package dev.junction.gateway.http;

import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks that every route of the gateway's router is a declared endpoint ({@link ApiEndpoints}) or
 * one of the operator paths ({@code /health}, {@code /metrics}, {@link AdminEndpoints}), so that an
 * endpoint cannot be wired around the table (it would answer errors in the wrong shape, and be
 * counted as {@code other} in the metrics). Routes without a path (the handlers every request
 * crosses) are not endpoints.
 */
final class RouteCoverage {

    /** The gateway's own paths, outside any API family. */
    static final String HEALTH = "/health";
    static final String METRICS = "/metrics";
    private static final Set<String> OPERATOR_PATHS = Stream.concat(
                    Stream.of(HEALTH, METRICS), AdminEndpoints.PATHS.stream())
            .collect(Collectors.toUnmodifiableSet());

    private RouteCoverage() {}

    /**
     * @throws IllegalStateException naming the routes of {@code router} that no endpoint declares
     */
    static Router check(Router router) {
        List<String> undeclared = router.getRoutes().stream()
                .filter(route -> route.getPath() != null || route.isRegexPath())
                .filter(route -> !covered(route))
                .map(route -> route.methods() + " " + (route.getPath() == null ? route.getName() : route.getPath()))
                .toList();
        if (!undeclared.isEmpty()) {
            throw new IllegalStateException("Routes that no endpoint of ApiEndpoints declares: " + undeclared);
        }
        return router;
    }

    private static boolean covered(Route route) {
        if (route.getPath() != null && OPERATOR_PATHS.contains(route.getPath())) {
            return true;
        }
        return ApiEndpoints.routes().stream().anyMatch(declared -> declared.routeName().equals(route.getName())
                && Set.of(declared.method()).equals(route.methods())
                && (route.isRegexPath() || declared.path().equals(route.getPath())));
    }
}
