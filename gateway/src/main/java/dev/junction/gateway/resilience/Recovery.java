package dev.junction.gateway.resilience;

import dev.junction.gateway.config.ResilienceConfig;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import java.util.random.RandomGenerator;

/**
 * The decision table for failed attempts, by {@link ErrorKind}. Pure.
 *
 * <ul>
 *   <li>Retried on the same backend: unavailable, overloaded, timeout, upstream and internal errors,
 *       and rate limits that say when to come back; never when the backend asks to wait
 *       ({@code Retry-After}) longer than the largest backoff. Never client errors (invalid request,
 *       authentication, permission, not found).
 *   <li>Then handed to the next fallback: unavailable, overloaded, rate limited, timeout.
 *   <li>Counted against the backend's circuit breaker: unavailable, overloaded, timeout, upstream
 *       and internal errors; not client errors, not rate limits.
 * </ul>
 *
 * Only failures that came before any of the answer reached the client get here; the others go to
 * the client as they are.
 */
final class Recovery {

    /** What to do after a failed attempt. */
    enum Step {
        /** Try the same backend again after {@link #delayMillis}. */
        RETRY,
        /** Try the next backend of the chain, or give up when there is none. */
        FALL_BACK,
        /** Pass the failure on to the client. */
        GIVE_UP
    }

    private Recovery() {}

    /** @param retriesDone how many retries the failed attempt's backend already had for this request */
    static Step next(ChatEvent.Failed failed, ResilienceConfig.Retries retries, int retriesDone) {
        if (retriesDone < retries.attempts() && retryable(failed, retries)) {
            return Step.RETRY;
        }
        return fallsBack(failed.kind()) ? Step.FALL_BACK : Step.GIVE_UP;
    }

    /** The wait before the next retry: the jittered backoff, or the backend's {@code Retry-After} if longer. */
    static long delayMillis(
            ChatEvent.Failed failed, ResilienceConfig.Retries retries, int retriesDone, RandomGenerator random) {
        long backoff = Backoff.delayMillis(retries, retriesDone, random);
        Integer retryAfter = failed.retryAfterSeconds();
        return retryAfter == null ? backoff : Math.max(backoff, retryAfter * 1000L);
    }

    /** Whether a failure of {@code kind} says the backend is unhealthy (for its circuit breaker). */
    static boolean unhealthy(ErrorKind kind) {
        return switch (kind) {
            case UNAVAILABLE, OVERLOADED, TIMEOUT, UPSTREAM, INTERNAL -> true;
            case INVALID_REQUEST, AUTHENTICATION, PERMISSION, NOT_FOUND, RATE_LIMITED -> false;
        };
    }

    private static boolean retryable(ChatEvent.Failed failed, ResilienceConfig.Retries retries) {
        Integer retryAfter = failed.retryAfterSeconds();
        boolean waitFits = retryAfter == null || retryAfter * 1000L <= retries.maxBackoffMillis();
        return switch (failed.kind()) {
            case UNAVAILABLE, OVERLOADED, TIMEOUT, UPSTREAM, INTERNAL -> waitFits;
            case RATE_LIMITED -> retryAfter != null && waitFits;
            case INVALID_REQUEST, AUTHENTICATION, PERMISSION, NOT_FOUND -> false;
        };
    }

    private static boolean fallsBack(ErrorKind kind) {
        return switch (kind) {
            case UNAVAILABLE, OVERLOADED, RATE_LIMITED, TIMEOUT -> true;
            case INVALID_REQUEST, AUTHENTICATION, PERMISSION, NOT_FOUND, UPSTREAM, INTERNAL -> false;
        };
    }
}
