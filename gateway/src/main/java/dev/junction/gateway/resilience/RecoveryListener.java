package dev.junction.gateway.resilience;

/** Told of each retry and fallback of a {@link ResilientCall} as it happens (the gateway's metrics listen). */
public interface RecoveryListener {

    /** A request is about to be tried again on {@code backendId}. */
    void retried(String backendId);

    /** A request that backend {@code from} failed (or skipped for its open circuit) goes to backend {@code to}. */
    void fellBack(String from, String to);
}
