package dev.junction.gateway.backend;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What the {@link HotBackendFactory} plugins saw, and the gate their waiting streams wait for.
 * Loaded from the gateway's class path (no plugin JAR holds it), so tests and every plugin version
 * share it; it holds plugin class loaders weakly, never pinning them.
 */
public final class HotProbe {

    private static final Duration GATE_LIMIT = Duration.ofSeconds(30);
    private static final Map<String, WeakReference<ClassLoader>> LOADERS = new ConcurrentHashMap<>();
    private static volatile CountDownLatch waiting = new CountDownLatch(1);
    private static volatile CountDownLatch gate = new CountDownLatch(1);

    private HotProbe() {}

    /** Closes the gate again, for the next waiting stream. */
    public static void reset() {
        waiting = new CountDownLatch(1);
        gate = new CountDownLatch(1);
    }

    public static void created(String label, ClassLoader loader) {
        LOADERS.put(label, new WeakReference<>(loader));
    }

    /** The class loader of the plugin version labelled {@code label}, weakly. */
    public static WeakReference<ClassLoader> loader(String label) {
        return LOADERS.get(label);
    }

    /** A stream waits here, mid-answer, until {@link #openGate} (or a limit, so no test hangs). */
    public static void waitForGate() {
        waiting.countDown();
        try {
            gate.await(GATE_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether a stream reached the gate within {@code limit}. */
    public static boolean awaitWaiting(Duration limit) throws InterruptedException {
        return waiting.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    public static void openGate() {
        gate.countDown();
    }
}
