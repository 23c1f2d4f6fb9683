package dev.junction.gateway.reload;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the {@link ReloadBackendFactory} plugin did: backends created and closed, by backend id, and
 * the gate its {@code held} answers wait at. Stays on the gateway's class path (it is not put in the
 * plugin JAR), so the test sees what the plugin did.
 */
public final class ReloadProbe {

    private static final Map<String, AtomicInteger> created = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> closed = new ConcurrentHashMap<>();
    private static volatile CountDownLatch gate = new CountDownLatch(1);
    private static volatile CountDownLatch cancelled = new CountDownLatch(1);

    private ReloadProbe() {}

    public static void reset() {
        created.clear();
        closed.clear();
        gate = new CountDownLatch(1);
        cancelled = new CountDownLatch(1);
    }

    public static int created(String backendId) {
        return created.getOrDefault(backendId, new AtomicInteger()).get();
    }

    public static int closed(String backendId) {
        return closed.getOrDefault(backendId, new AtomicInteger()).get();
    }

    /** Lets the {@code held} answers finish. */
    public static void release() {
        gate.countDown();
    }

    public static CountDownLatch gate() {
        return gate;
    }

    public static CountDownLatch cancelled() {
        return cancelled;
    }

    public static void onCreate(String backendId) {
        created.computeIfAbsent(backendId, id -> new AtomicInteger()).incrementAndGet();
    }

    public static void onClose(String backendId) {
        closed.computeIfAbsent(backendId, id -> new AtomicInteger()).incrementAndGet();
    }
}
