package dev.junction.gateway.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * What the {@link PacedBackendFactory} plugin saw of the requests for one model: a permit per
 * request started, per delta sent, per cancel received. Loaded from the gateway's class path,
 * shared with the tests; one per model, so that tests of different models never see each other's.
 */
public record PacedProbe(Semaphore started, Semaphore deltas, Semaphore cancelled) {

    private static final Map<String, PacedProbe> BY_MODEL = new ConcurrentHashMap<>();

    /** The probe of {@code model}'s requests. */
    public static PacedProbe of(String model) {
        return BY_MODEL.computeIfAbsent(model, key -> new PacedProbe(new Semaphore(0), new Semaphore(0), new Semaphore(0)));
    }

    /** Waits up to {@code seconds} for {@code permits} of {@code semaphore}. */
    public static boolean await(Semaphore semaphore, int permits, int seconds) throws InterruptedException {
        return semaphore.tryAcquire(permits, seconds, TimeUnit.SECONDS);
    }
}
