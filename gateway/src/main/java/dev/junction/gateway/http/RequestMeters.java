package dev.junction.gateway.http;

import dev.junction.gateway.metrics.EndedRequest;
import dev.junction.gateway.metrics.GatewayMetrics;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts each request that ended into the {@link GatewayMetrics}: the endpoint named from its path
 * (never the path itself), the tags its {@link RequestFacts} gathered, the access log's outcome.
 */
final class RequestMeters {

    private static final List<String> BASES = List.of("/openai/v1", "/anthropic/v1", "/v1");
    private static final Map<String, String> ENDPOINTS = endpoints();
    private static final List<String> MODEL_PATHS = BASES.stream().map(base -> base + "/models/").toList();

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
        String endpoint = ENDPOINTS.get(path);
        if (endpoint != null) {
            return endpoint;
        }
        return MODEL_PATHS.stream().anyMatch(path::startsWith) ? "models" : "other";
    }

    /** The endpoint of each API path, decided once. */
    private static Map<String, String> endpoints() {
        Map<String, String> endpoints = new HashMap<>();
        for (String base : BASES) {
            endpoints.put(base + "/chat/completions", "chat_completions");
            endpoints.put(base + "/messages", "messages");
            endpoints.put(base + "/messages/count_tokens", "count_tokens");
            endpoints.put(base + "/embeddings", "embeddings");
            endpoints.put(base + "/models", "models");
        }
        return Map.copyOf(endpoints);
    }
}
