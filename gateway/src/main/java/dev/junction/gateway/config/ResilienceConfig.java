package dev.junction.gateway.config;

import java.util.List;
import java.util.Objects;

/**
 * How the gateway copes with one backend that fails or stalls on a chat request: the keys
 * {@code timeouts}, {@code retries}, {@code fallbacks} and {@code circuitBreaker} beside the backend's
 * {@code plugin}. Every key is optional; a missing one takes its default ({@link #DEFAULTS}), which
 * leaves room for slow CLIs.
 *
 * @param fallbacks the backends to try, in order, when this one is unavailable, overloaded, rate
 *     limited or timed out (after its retries); empty by default
 */
public record ResilienceConfig(Timeouts timeouts, Retries retries, List<Fallback> fallbacks, Breaker circuitBreaker) {

    /** 300 s to the first event and between events, no total limit, one retry, a breaker at 5 failures / 30 s. */
    public static final ResilienceConfig DEFAULTS =
            new ResilienceConfig(Timeouts.DEFAULTS, Retries.DEFAULTS, List.of(), Breaker.DEFAULTS);

    public ResilienceConfig {
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(retries, "retries");
        Objects.requireNonNull(circuitBreaker, "circuitBreaker");
        fallbacks = List.copyOf(fallbacks);
    }

    /**
     * How long one attempt may take; {@code 0} means no limit. A timeout cancels the attempt and
     * fails it as a timeout (504), which may be retried or fall back like any timeout.
     *
     * @param firstEventSeconds from sending the request to the backend's first event (default 300)
     * @param idleSeconds the longest silence between two events after the first (default 300)
     * @param totalSeconds the whole attempt, first event to last (default 0: none)
     */
    public record Timeouts(int firstEventSeconds, int idleSeconds, int totalSeconds) {
        public static final Timeouts DEFAULTS = new Timeouts(300, 300, 0);

        /** Whether any of the three is on. */
        public boolean any() {
            return firstEventSeconds > 0 || idleSeconds > 0 || totalSeconds > 0;
        }
    }

    /**
     * Extra attempts on the same backend after a retryable failure that came before any of the
     * answer reached the client, each after an exponential backoff with full jitter: a random wait
     * from 0 to {@code min(maxBackoffMillis, initialBackoffMillis * 2^retry)}.
     *
     * @param attempts how many extra attempts at most (default 1; 0 turns retries off)
     * @param initialBackoffMillis the ceiling of the first wait (default 250)
     * @param maxBackoffMillis the largest ceiling (default 4000); a failure whose {@code Retry-After}
     *     is longer is not retried
     */
    public record Retries(int attempts, long initialBackoffMillis, long maxBackoffMillis) {
        public static final Retries DEFAULTS = new Retries(1, 250, 4000);
    }

    /**
     * One entry of {@code fallbacks}: {@code "<backend-id>"} passes the request's model on,
     * {@code "<backend-id>/<model>"} asks for {@code model} instead.
     *
     * @param model the model to ask the fallback for; {@code null} for the request's own
     */
    public record Fallback(String backendId, String model) {

        public Fallback {
            Objects.requireNonNull(backendId, "backendId");
        }

        /** The entry as written in the file: {@code "<backend-id>"} or {@code "<backend-id>/<model>"}. */
        public static Fallback parse(String entry) {
            int slash = entry.indexOf('/');
            return slash < 0
                    ? new Fallback(entry, null)
                    : new Fallback(entry.substring(0, slash), entry.substring(slash + 1));
        }
    }

    /**
     * The backend's circuit breaker on this node: after {@code failures} failures that say the
     * backend is unhealthy (unavailable, overloaded, timed out, internal or upstream errors), with no
     * success between them, the circuit opens and requests skip the backend (to its fallbacks, or
     * fail fast with 503). After {@code resetSeconds} one trial request goes through; its success
     * closes the circuit, its failure opens it again.
     *
     * @param failures failures in a row that open the circuit (default 5; 0 never opens it)
     * @param resetSeconds how long the circuit stays open before a trial (default 30)
     */
    public record Breaker(int failures, int resetSeconds) {
        public static final Breaker DEFAULTS = new Breaker(5, 30);
    }
}
