package dev.junction.gateway.metrics;

import java.time.Duration;

/**
 * What the metrics take from a request that ended. Tags that are null count as
 * {@value GatewayMetrics#NONE}.
 *
 * @param endpoint what was asked: {@code chat_completions}, {@code messages}, {@code models}, ...
 * @param backend the configured backend id it was routed to
 * @param route the configured model entry that matched ({@code claude-*}, or {@code <backend>/*})
 * @param outcome {@code ok}, {@code cancelled}, or a failure's kind in lower case
 * @param timeToFirstToken until the backend's first event; null when none came
 * @param inputTokens as the backend reported; null when it did not
 */
public record EndedRequest(
        String endpoint,
        String dialect,
        String backend,
        String route,
        int status,
        String outcome,
        Duration timeToFirstToken,
        Duration duration,
        Integer inputTokens,
        Integer outputTokens) {

    /** The outcome of a request whose client went away before its answer ended. */
    public static final String CANCELLED = "cancelled";

    boolean cancelled() {
        return CANCELLED.equals(outcome);
    }
}
