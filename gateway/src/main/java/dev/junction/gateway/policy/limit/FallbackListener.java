package dev.junction.gateway.policy.limit;

/** Told of each operation a cluster limiter did not get from the cluster's store in time (the gateway's metrics listen). */
public interface FallbackListener {

    /** The store did not answer {@code operation} ({@code admit} or {@code end}) in time; this node counted it alone. */
    void rateLimitFellBack(String operation);
}
