package dev.junction.gateway.http;

import dev.junction.gateway.metrics.EndedRequest;
import dev.junction.gateway.metrics.GatewayMetrics;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;

/**
 * Puts each request that ended into the {@link GatewayMetrics}: the endpoint named from its path
 * (never the path itself), the tags its {@link RequestFacts} gathered, the access log's outcome.
 */
final class RequestMeters {

    private static final List<String> BASES = List.of("/openai/v1", "/anthropic/v1", "/v1");

    private final GatewayMetrics metrics;

    RequestMeters(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    /** @param completed whether the response ended (else the client went away first) */
    void ended(RoutingContext ctx, RequestFacts facts, boolean completed) {
        long now = System.nanoTime();
        int status = ctx.response().getStatusCode();
        metrics.ended(new EndedRequest(
                endpoint(ctx.request().path()),
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

    /**
     * What was asked: {@code chat_completions}, {@code messages}, {@code count_tokens},
     * {@code embeddings}, {@code models}, or {@code other}.
     */
    static String endpoint(String path) {
        String rest = BASES.stream()
                .filter(path::startsWith)
                .findFirst()
                .map(base -> path.substring(base.length()))
                .orElse("");
        return switch (rest) {
            case "/chat/completions" -> "chat_completions";
            case "/messages" -> "messages";
            case "/messages/count_tokens" -> "count_tokens";
            case "/embeddings" -> "embeddings";
            case "/models" -> "models";
            default -> rest.startsWith("/models/") ? "models" : "other";
        };
    }
}
