package dev.junction.gateway.http;

import dev.junction.gateway.config.ConnectionLimits;
import dev.junction.gateway.dialect.ApiError;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A node's request limits, in the request's path dialect: more header lines than
 * {@code server.limits.maxHeaders} get 431; beyond {@code server.limits.maxInFlightRequests} requests
 * being served at once (streams until their last event), the next get 503 with {@code Retry-After:
 * 1}. One instance serves every router built from a configuration, so the count survives reloads.
 * Thread-safe.
 */
final class RequestLimits implements Handler<RoutingContext> {

    private static final int RETRY_AFTER_SECONDS = 1;

    private final int maxHeaders;
    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();

    RequestLimits(ConnectionLimits limits) {
        this.maxHeaders = limits.maxHeaders();
        this.maxInFlight = limits.maxInFlightRequests();
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (ctx.request().headers().entries().size() > maxHeaders) {
            ErrorResponses.send(ctx, ApiEndpoints.familyOf(ctx), ApiError.of(431,
                    "The request has more than " + maxHeaders + " header lines."));
            return;
        }
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            ErrorResponses.send(ctx, ApiEndpoints.familyOf(ctx), new ApiError(503,
                    "The gateway is serving its maximum of " + maxInFlight + " requests; try again shortly.",
                    null, RETRY_AFTER_SECONDS));
            return;
        }
        RequestFacts.of(ctx).onEnd(inFlight::decrementAndGet);
        ctx.next();
    }
}
