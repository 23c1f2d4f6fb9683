package dev.junction.gateway.backend;

import java.util.concurrent.CountDownLatch;

/** What the test plugin saw of cancellation; loaded from the gateway's class path, shared with tests. */
public final class CancelProbe {

    public static volatile CountDownLatch cancelled = new CountDownLatch(1);
    public static volatile CountDownLatch stopped = new CountDownLatch(1);

    private CancelProbe() {}

    public static void reset() {
        cancelled = new CountDownLatch(1);
        stopped = new CountDownLatch(1);
    }

    public static void cancelled() {
        cancelled.countDown();
    }

    public static void stopped() {
        stopped.countDown();
    }
}
