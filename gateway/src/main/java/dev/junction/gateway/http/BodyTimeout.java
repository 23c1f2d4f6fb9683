package dev.junction.gateway.http;

import dev.junction.gateway.dialect.ApiError;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.TimeUnit;

/**
 * Answers a request whose body stops arriving: when no byte of it came for
 * {@code server.limits.bodyTimeoutSeconds}, 408 in the path's dialect and the connection is closed.
 * One timer per request still sending its body, looking at the bytes read a few times per timeout
 * (so a stall is caught within a quarter of the timeout after it expires); none per chunk.
 */
final class BodyTimeout implements Handler<RoutingContext> {

    private static final int CHECKS_PER_TIMEOUT = 4;

    private final Vertx vertx;
    private final long timeoutNanos;
    private final long checkMillis;
    private final int timeoutSeconds;

    BodyTimeout(Vertx vertx, int timeoutSeconds) {
        this.vertx = vertx;
        this.timeoutSeconds = timeoutSeconds;
        this.timeoutNanos = TimeUnit.SECONDS.toNanos(timeoutSeconds);
        this.checkMillis = Math.max(1, TimeUnit.SECONDS.toMillis(timeoutSeconds) / CHECKS_PER_TIMEOUT);
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (!ctx.request().isEnded()) {
            watch(ctx, ctx.request().bytesRead(), System.nanoTime());
        }
        ctx.next();
    }

    /** Checks again later, having seen {@code bytesRead} bytes, the last of them by {@code progressNanos}. */
    private void watch(RoutingContext ctx, long bytesRead, long progressNanos) {
        vertx.setTimer(checkMillis, timer -> {
            HttpServerRequest request = ctx.request();
            if (request.isEnded() || ctx.response().ended() || ctx.response().closed()) {
                return;
            }
            long now = System.nanoTime();
            if (request.bytesRead() != bytesRead) {
                watch(ctx, request.bytesRead(), now);
            } else if (now - progressNanos < timeoutNanos) {
                watch(ctx, bytesRead, progressNanos);
            } else {
                ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
                ErrorResponses.send(ctx, ApiEndpoints.dialectOf(ctx), ApiError.of(408,
                        "The request body stopped arriving: nothing came for " + timeoutSeconds + " s."));
                request.connection().close();
            }
        });
    }
}
