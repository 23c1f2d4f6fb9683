package dev.junction.gateway.resilience;

import dev.junction.gateway.config.ResilienceConfig;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: before retry {@code n} (0 for the first), a uniformly random
 * wait from 0 to {@code min(maxBackoffMillis, initialBackoffMillis * 2^n)}, so that clients failing
 * together do not retry together. Pure.
 */
final class Backoff {

    private Backoff() {}

    /** The longest wait before retry {@code retry} (0 for the first). */
    static long ceilingMillis(ResilienceConfig.Retries retries, int retry) {
        long initial = retries.initialBackoffMillis();
        long max = retries.maxBackoffMillis();
        boolean overflows = retry >= Long.numberOfLeadingZeros(initial) - 1;
        return overflows ? max : Math.min(max, initial << retry);
    }

    /** A wait before retry {@code retry}: uniform from 0 to {@link #ceilingMillis}, both included. */
    static long delayMillis(ResilienceConfig.Retries retries, int retry, RandomGenerator random) {
        return random.nextLong(ceilingMillis(retries, retry) + 1);
    }
}
