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
 * (so a stall is caught within a quarter of the timeout after it expires); none per chunk. The
 * timer stops when the answer ends, so a request's context is not held after it.
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
            Watch watch = new Watch(ctx);
            RequestFacts.of(ctx).onEnd(watch::stop);
            watch.check(ctx.request().bytesRead(), System.nanoTime());
        }
        ctx.next();
    }

    /** One request's body watch: its timer, stopped when the answer ends so that it holds nothing after. */
    private final class Watch {

        private final RoutingContext ctx;
        private long timer = -1;
        private boolean stopped;

        Watch(RoutingContext ctx) {
            this.ctx = ctx;
        }

        void stop() {
            stopped = true;
            vertx.cancelTimer(timer);
        }

        /** Checks again later, having seen {@code bytesRead} bytes, the last of them by {@code progressNanos}. */
        void check(long bytesRead, long progressNanos) {
            if (stopped) {
                return;
            }
            timer = vertx.setTimer(checkMillis, fired -> {
                HttpServerRequest request = ctx.request();
                if (request.isEnded() || ctx.response().ended() || ctx.response().closed()) {
                    return;
                }
                long now = System.nanoTime();
                if (request.bytesRead() != bytesRead) {
                    check(request.bytesRead(), now);
                } else if (now - progressNanos < timeoutNanos) {
                    check(bytesRead, progressNanos);
                } else {
                    ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
                    ErrorResponses.send(ctx, ApiEndpoints.familyOf(ctx), ApiError.of(408,
                            "The request body stopped arriving: nothing came for " + timeoutSeconds + " s."));
                    request.connection().close();
                }
            });
        }
    }
}
