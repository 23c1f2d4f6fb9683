package dev.junction.gateway.backend;

import dev.junction.plugin.BackendContext;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link BackendContext} this node gives one backend: its timer thread and its worker threads
 * are the gateway's, made on first use, named after the backend, and stopped by {@link #close}
 * once the backend has retired, so that nothing started for a plugin outlives it.
 */
record HostedContext(
        String id, JsonObject options, Vertx vertx, ScheduledExecutorService timers, ExecutorService workers)
        implements BackendContext, AutoCloseable {

    static HostedContext of(String id, JsonObject options, Vertx vertx) {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, threads("junction-" + id + "-timer"));
        timers.setRemoveOnCancelPolicy(true);
        return new HostedContext(
                id, options, vertx, timers, Executors.newCachedThreadPool(threads("junction-" + id + "-worker")));
    }

    /** Stops the timers and interrupts the workers still running; what was scheduled never runs. */
    @Override
    public void close() {
        timers.shutdownNow();
        workers.shutdownNow();
    }

    /** Daemon threads of the gateway's class loader, whichever plugin thread asks for one. */
    private static ThreadFactory threads(String name) {
        ClassLoader gateway = HostedContext.class.getClassLoader();
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            thread.setContextClassLoader(gateway);
            return thread;
        };
    }
}
