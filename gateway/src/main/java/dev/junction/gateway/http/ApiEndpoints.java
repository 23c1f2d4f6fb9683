package dev.junction.gateway.http;

import dev.junction.gateway.dialect.ApiFamily;
import dev.junction.gateway.dialect.Dialects;
import dev.junction.gateway.dialect.Endpoint;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The endpoints the dialects declare ({@link Dialects}), indexed for the HTTP layer: the routes
 * ({@link ApiRouter}), the family whose error shape answers on any path (including unknown ones:
 * 404 for an unknown path, 405 for a known path asked with another method), and the endpoint names
 * of the access log and the metrics. Pure data, thread-safe.
 *
 * <p>Paths match case-sensitively, as the APIs they imitate do, against the router's normalized path
 * ({@code /v1/./models} is {@code /v1/models}). Where several families serve a path, the one that
 * {@linkplain ApiFamily#claims claims} the request answers, else the first registered. The family
 * of a path no endpoint serves is the one whose {@linkplain ApiFamily#pathPrefixes prefix} it has
 * (case-insensitively, so {@code /V1/MESSAGES} is Anthropic's), else decided the same way.
 */
final class ApiEndpoints {

    /** Name for the access log and metrics of a path no endpoint serves. */
    static final String OTHER = "other";

    /** The endpoints declared at one method and path: one per family that serves it. */
    record Declared(HttpMethod method, String path, List<Endpoint> endpoints) {

        /** The endpoint that answers {@code headers}. */
        Endpoint endpoint(MultiMap headers) {
            return endpoints.size() == 1 ? endpoints.get(0) : endpoints.get(pick(families(endpoints), headers));
        }

        Endpoint first() {
            return endpoints.get(0);
        }

        /** The name of this route in the router, which {@link RouteCoverage} checks. */
        String routeName() {
            return method.name() + " " + path;
        }
    }

    private record Templated(Endpoint endpoint, Pattern pattern) {}

    private static final List<Endpoint> ALL = Dialects.ENDPOINTS;
    private static final List<ApiFamily> FAMILIES = families(ALL);
    private static final Map<String, List<Endpoint>> EXACT = exact();
    private static final List<Templated> TEMPLATED = ALL.stream()
            .filter(Endpoint::takesId)
            .map(endpoint -> new Templated(endpoint, Pattern.compile(endpoint.pathRegex())))
            .toList();

    private ApiEndpoints() {}

    /** Every family that declares an endpoint, in registration order. */
    static List<ApiFamily> families() {
        return FAMILIES;
    }

    /** One route per declared method and path, in declaration order. */
    static List<Declared> routes() {
        Map<String, List<Endpoint>> grouped = new LinkedHashMap<>();
        ALL.forEach(endpoint -> grouped
                .computeIfAbsent(endpoint.method().name() + " " + endpoint.path(), key -> new ArrayList<>())
                .add(endpoint));
        return grouped.values().stream()
                .map(endpoints -> new Declared(endpoints.get(0).method(), endpoints.get(0).path(), List.copyOf(endpoints)))
                .toList();
    }

    private static Map<String, List<Endpoint>> exact() {
        Map<String, List<Endpoint>> exact = new HashMap<>();
        ALL.stream().filter(endpoint -> !endpoint.takesId())
                .forEach(endpoint -> exact.computeIfAbsent(endpoint.path(), path -> new ArrayList<>()).add(endpoint));
        exact.replaceAll((path, endpoints) -> List.copyOf(endpoints));
        return Map.copyOf(exact);
    }

    private static List<ApiFamily> families(List<Endpoint> endpoints) {
        return endpoints.stream().map(Endpoint::family).distinct().toList();
    }

    /** The index in {@code families} of the one that claims {@code headers}, else 0. */
    private static int pick(List<ApiFamily> families, MultiMap headers) {
        for (int i = 0; i < families.size(); i++) {
            if (families.get(i).claims(headers)) {
                return i;
            }
        }
        return 0;
    }

    /** The endpoints at {@code normalizedPath}, whatever their method (empty for an unknown path). */
    static List<Endpoint> at(String normalizedPath) {
        List<Endpoint> exact = EXACT.get(normalizedPath);
        if (exact != null) {
            return exact;
        }
        return TEMPLATED.stream()
                .filter(templated -> templated.pattern().matcher(normalizedPath).matches())
                .map(Templated::endpoint)
                .toList();
    }

    /**
     * The access log's and the metrics' name for a request: its endpoint's (an admin endpoint's
     * included, {@link AdminEndpoints}), else {@link #OTHER}.
     */
    static String name(HttpMethod method, String normalizedPath) {
        return at(normalizedPath).stream()
                .filter(endpoint -> endpoint.method().equals(method))
                .findFirst()
                .map(Endpoint::name)
                .or(() -> AdminEndpoints.name(method, normalizedPath))
                .orElse(OTHER);
    }

    /** The family that answers {@code ctx}, whether or not its path is an endpoint. */
    static ApiFamily familyOf(RoutingContext ctx) {
        return family(ctx.normalizedPath(), ctx.request().headers());
    }

    /** The family whose error shape answers anything at {@code normalizedPath}, known or not. */
    static ApiFamily family(String normalizedPath, MultiMap headers) {
        List<ApiFamily> known = families(at(normalizedPath));
        if (!known.isEmpty()) {
            return known.get(pick(known, headers));
        }
        return byPrefix(normalizedPath.toLowerCase(Locale.ROOT))
                .orElseGet(() -> FAMILIES.get(pick(FAMILIES, headers)));
    }

    private static Optional<ApiFamily> byPrefix(String lowerPath) {
        for (ApiFamily family : FAMILIES) {
            for (String prefix : family.pathPrefixes()) {
                boolean bare = prefix.endsWith("/") && lowerPath.equals(prefix.substring(0, prefix.length() - 1));
                if (lowerPath.startsWith(prefix) || bare) {
                    return Optional.of(family);
                }
            }
        }
        return Optional.empty();
    }
}
