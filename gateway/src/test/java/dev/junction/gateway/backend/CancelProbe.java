package dev.junction.gateway.backend;

import java.util.concurrent.CountDownLatch;

/** What the test plugin saw of cancellation; loaded from the gateway's class path, shared with tests. */
public final class CancelProbe {

    public static volatile CountDownLatch cancelled = new CountDownLatch(1);
    public static volatile CountDownLatch stopped = new CountDownLatch(1);
    /** The name of the thread the plugin's cancel action ran on. */
    public static volatile String cancelThread;

    private CancelProbe() {}

    public static void reset() {
        cancelled = new CountDownLatch(1);
        stopped = new CountDownLatch(1);
        cancelThread = null;
    }

    public static void cancelled() {
        cancelThread = Thread.currentThread().getName();
        cancelled.countDown();
    }

    public static void stopped() {
        stopped.countDown();
    }
}
