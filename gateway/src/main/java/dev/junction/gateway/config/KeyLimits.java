package dev.junction.gateway.config;

/**
 * The {@code limits:} of an API key, each per key name; {@code null} means unlimited.
 *
 * @param requestsPerMinute the requests admitted in any 60 seconds
 * @param tokensPerMinute the tokens (input and output, counted when each request ends) after which
 *     new requests wait until older usage leaves the 60-second window
 * @param concurrentRequests the requests in flight at once
 */
public record KeyLimits(Long requestsPerMinute, Long tokensPerMinute, Long concurrentRequests) {

    public static final KeyLimits NONE = new KeyLimits(null, null, null);

    /** Whether any limit is set. */
    public boolean any() {
        return requestsPerMinute != null || tokensPerMinute != null || concurrentRequests != null;
    }
}
