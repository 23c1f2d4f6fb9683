package dev.junction.gateway.policy.limit;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;

/**
 * Whether the cluster's store answers a {@link ClusterRateLimiter} in time. The first miss logs one
 * WARN and the first answer after misses one INFO, whatever the number of requests in between; every
 * miss is told to the {@link FallbackListener}. While the store misses, one request at a time asks it
 * (and waits for it at most the bound) while the others count locally at once, so that an outage
 * does not slow every request down and the limiter notices when the store is back. Thread-safe.
 */
final class StoreHealth {

    private final Logger log;
    private final FallbackListener listener;
    private final AtomicBoolean missing = new AtomicBoolean();
    private final AtomicBoolean probing = new AtomicBoolean();

    StoreHealth(Logger log, FallbackListener listener) {
        this.log = log;
        this.listener = listener;
    }

    /** Whether to ask the store now: always while it answers, else when no other request is asking it. */
    boolean mayAsk() {
        return !missing.get() || probing.compareAndSet(false, true);
    }

    /** The store answered. */
    void answered() {
        probing.set(false);
        if (missing.compareAndSet(true, false)) {
            log.info("The cluster's rate-limit store answers again: keys' limits are counted cluster-wide again");
        }
    }

    /** The store did not answer {@code operation} in time ({@code why}); the node counts it alone. */
    void missed(String operation, String why) {
        probing.set(false);
        skipped(operation);
        if (missing.compareAndSet(false, true)) {
            log.warn("The cluster's rate-limit store did not answer ({}): this node counts keys' limits alone until"
                    + " it does (each node admits up to the whole limit meanwhile)", why);
        }
    }

    /** The node counted {@code operation} alone without asking the store, which misses. */
    void skipped(String operation) {
        listener.rateLimitFellBack(operation);
    }
}
