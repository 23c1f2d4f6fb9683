package dev.junction.gateway.policy.limit;

import dev.junction.gateway.cluster.Membership;
import dev.junction.gateway.config.KeyLimits;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.InstantSource;

/**
 * Per-key rate limits: admits a request or refuses it, naming the limit and when to retry, and
 * counts what each admitted request used once it ends. Counts are kept by key name and outlive
 * configuration reloads; the limits come with each call, from the key's current configuration.
 *
 * <p>Operations return futures so that an implementation may keep its counts elsewhere (cluster-wide
 * counters) without changes to callers; such an implementation completes them on the caller's
 * context. Every admitted request must be {@linkplain #end ended} exactly once, whichever way it
 * ended; a refused one is not counted and must not be ended.
 */
public interface RateLimiter {

    /** Admits one request of the key named {@code key} under {@code limits}, or refuses it. */
    Future<Admission> admit(String key, KeyLimits limits);

    /**
     * Ends a request that {@link #admit} let in: frees its place among the requests in flight and
     * counts the {@code tokens} it used (input and output) in the tokens-per-minute window.
     */
    Future<Void> end(String key, long tokens);

    /**
     * The limiter of one gateway node, shared by its HTTP verticles: counts shared by every node
     * when {@code membership} is a cluster's (in the cluster itself, see {@link ClusterRateLimiter};
     * {@code fallbacks} is told whenever the cluster's store does not answer in time and the node
     * counts alone), else {@linkplain #local() in this process}. Sets up the cluster's store off the
     * event loop.
     */
    static Future<RateLimiter> forNode(Membership membership, Vertx vertx, FallbackListener fallbacks) {
        if (membership.hazelcast().isEmpty()) {
            return Future.succeededFuture(local());
        }
        return vertx.executeBlocking(() -> ClusterRateLimiter.start(membership, vertx, fallbacks));
    }

    /** Counts in this process's memory, by the system clock. */
    static RateLimiter local() {
        return local(InstantSource.system());
    }

    /** Counts in this process's memory, by {@code clock}. */
    static RateLimiter local(InstantSource clock) {
        return new LocalRateLimiter(clock);
    }
}
