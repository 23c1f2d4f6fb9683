package dev.junction.gateway.http;

import dev.junction.gateway.metrics.EndedRequest;
import dev.junction.gateway.metrics.GatewayMetrics;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/**
 * Puts each request that ended into the {@link GatewayMetrics}: the endpoint named by {@link ApiEndpoints}
 * (never the path itself), the tags its {@link RequestFacts} gathered, the access log's outcome.
 */
final class RequestMeters {

    private final GatewayMetrics metrics;

    RequestMeters(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    /** @param completed whether the response ended (else the client went away first) */
    void ended(RoutingContext ctx, RequestFacts facts, boolean completed) {
        long now = System.nanoTime();
        int status = ctx.response().getStatusCode();
        metrics.ended(new EndedRequest(
                ApiEndpoints.name(ctx.request().method(), ctx.normalizedPath()),
                facts.dialect,
                facts.backend,
                facts.route,
                status,
                AccessLog.outcome(facts, status, completed),
                facts.firstEventNanos < 0 ? null : Duration.ofNanos(facts.firstEventNanos - facts.startNanos),
                Duration.ofNanos(now - facts.startNanos),
                facts.inputTokens,
                facts.outputTokens));
    }
}
