package dev.junction.gateway.http;

import dev.junction.gateway.config.GatewayConfig;
import dev.junction.gateway.config.WebNames;
import dev.junction.gateway.dialect.ApiError;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses DNS rebinding on a gateway without API keys: a request whose {@code Host} names neither
 * this machine ({@link WebNames#isLoopback}) nor one of {@code server.allowedHosts} gets 403 in its
 * path's dialect, on every path ({@code /health} and {@code /metrics} too: they would tell a web page
 * the backends). A page on another site that rebinds its own name to 127.0.0.1 sends that name as
 * the {@code Host}, so it cannot read the gateway's answers. With keys configured there is no check:
 * a key is what a caller needs. A request without a {@code Host} (HTTP/1.0 allows it) gets 400: it
 * could not be told from a rebound one.
 */
final class HostCheck implements Handler<RoutingContext> {

    private final Set<String> allowedHosts;

    private HostCheck(Set<String> allowedHosts) {
        this.allowedHosts = allowedHosts;
    }

    /** The check {@code config} asks for; empty when API keys are configured. */
    static Optional<HostCheck> of(GatewayConfig config) {
        return config.auth().keys().isEmpty()
                ? Optional.of(new HostCheck(Set.copyOf(config.server().allowedHosts())))
                : Optional.empty();
    }

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader(HttpHeaders.HOST);
        String host = header == null ? null : WebNames.hostOfAuthority(header);
        if (host != null && (WebNames.isLoopback(host) || allowedHosts.contains(host))) {
            ctx.next();
        } else if (header == null) {
            ErrorResponses.send(ctx, ApiEndpoints.familyOf(ctx), ApiError.invalidRequest("The request has no Host header.", null));
        } else {
            refuse(ctx);
        }
    }

    private static void refuse(RoutingContext ctx) {
        ErrorResponses.send(ctx, ApiEndpoints.familyOf(ctx), ApiError.of(403,
                "This gateway has no API keys, so it answers only requests addressed to a loopback name"
                        + " (localhost, 127.0.0.1, [::1]) or to a host listed in server.allowedHosts."));
    }
}
