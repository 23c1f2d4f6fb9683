package dev.junction.gateway.policy.limit;

import java.time.Duration;
import java.time.Instant;

/**
 * A limiter's answer to one request: admitted, or refused by one limit with the time to wait, and
 * the key's request and token budgets at that moment (what the rate-limit headers report).
 *
 * @param refused the limit that refused the request, or {@code null} when it was admitted
 * @param retryAfterSeconds when refused, the whole seconds (at least 1) until that limit would admit
 *     the request; 0 when admitted
 * @param at when the limiter decided
 * @param requests the requests-per-minute budget (counting this request when admitted), or
 *     {@code null} when the key has no such limit
 * @param tokens the tokens-per-minute budget, or {@code null} when the key has no such limit
 */
public record Admission(Limit refused, int retryAfterSeconds, Instant at, Budget requests, Budget tokens) {

    /** The limits a key may have. */
    public enum Limit {
        REQUESTS_PER_MINUTE("request per minute", "requests per minute"),
        TOKENS_PER_MINUTE("token per minute", "tokens per minute"),
        CONCURRENT_REQUESTS("concurrent request", "concurrent requests");

        private final String one;
        private final String many;

        Limit(String one, String many) {
            this.one = one;
            this.many = many;
        }

        /** The limit as a person says it: {@code 60 requests per minute}, {@code 1 concurrent request}. */
        public String describe(long limit) {
            return limit + " " + (limit == 1 ? one : many);
        }
    }

    /**
     * One budget of a key's window.
     *
     * @param remaining what may still be used now (never negative)
     * @param reset how long until everything counted in the window has left it
     */
    public record Budget(long limit, long remaining, Duration reset) {}

    public boolean admitted() {
        return refused == null;
    }
}
