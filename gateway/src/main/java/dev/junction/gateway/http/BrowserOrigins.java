package dev.junction.gateway.http;

import dev.junction.gateway.config.ServerConfig;
import dev.junction.gateway.config.WebNames;
import dev.junction.gateway.dialect.ApiError;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CorsHandler;
import java.util.Set;

/**
 * Keeps web pages away unless the operator lists them: a request with an {@code Origin} header (which
 * browsers send on every cross-site request and on every {@code POST}) gets 403 in its path's dialect
 * before anything else is done with it, unless that origin is in {@code server.cors.allowedOrigins}.
 * Requests of a listed origin go through Vert.x's {@link CorsHandler}, which answers their preflights
 * ({@code OPTIONS} with {@code Access-Control-Request-Method}: 204, any request header allowed, the
 * answer cached ten minutes) and adds the CORS headers to their answers (every header exposed).
 * The refusal is ours rather than {@code CorsHandler}'s: with no origin listed it would allow every
 * origin, and it refuses outside the dialect.
 */
final class BrowserOrigins implements Handler<RoutingContext> {

    private static final int PREFLIGHT_CACHE_SECONDS = 600;

    private final Set<String> allowed;
    private final CorsHandler cors;

    BrowserOrigins(ServerConfig server) {
        this.allowed = Set.copyOf(server.corsAllowedOrigins());
        this.cors = allowed.isEmpty()
                ? null
                : CorsHandler.create()
                        .addOrigins(server.corsAllowedOrigins())
                        .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.OPTIONS))
                        .exposedHeader("*")
                        .allowPrivateNetwork(true)
                        .maxAgeSeconds(PREFLIGHT_CACHE_SECONDS);
    }

    @Override
    public void handle(RoutingContext ctx) {
        String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
        String canonical = origin == null ? null : WebNames.origin(origin);
        if (origin == null) {
            ctx.next();
        } else if (canonical != null && allowed.contains(canonical)) {
            cors.handle(ctx);
        } else {
            ErrorResponses.send(ctx, ApiEndpoints.familyOf(ctx), ApiError.of(403,
                    "Requests from web pages are refused: their origin is not listed in server.cors.allowedOrigins."));
        }
    }
}
