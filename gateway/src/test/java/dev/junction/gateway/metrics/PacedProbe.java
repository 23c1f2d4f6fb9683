package dev.junction.gateway.metrics;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * What the {@link PacedBackendFactory} plugin saw: one permit per request started, per delta sent,
 * per cancel received. Loaded from the gateway's class path, shared with the tests.
 */
public final class PacedProbe {

    public static final Semaphore STARTED = new Semaphore(0);
    public static final Semaphore DELTAS = new Semaphore(0);
    public static final Semaphore CANCELLED = new Semaphore(0);

    private PacedProbe() {}

    public static void reset() {
        STARTED.drainPermits();
        DELTAS.drainPermits();
        CANCELLED.drainPermits();
    }

    /** Waits up to {@code seconds} for {@code permits} of {@code semaphore}. */
    public static boolean await(Semaphore semaphore, int permits, int seconds) throws InterruptedException {
        return semaphore.tryAcquire(permits, seconds, TimeUnit.SECONDS);
    }
}
