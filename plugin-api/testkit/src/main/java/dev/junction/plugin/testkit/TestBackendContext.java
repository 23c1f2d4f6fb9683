package dev.junction.plugin.testkit;

import dev.junction.plugin.BackendContext;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A {@link BackendContext} for a test, owned by the test as the gateway owns the real one: close it
 * when the backend is done, which stops its timer and worker threads.
 *
 * @since 1.0.0
 */
public record TestBackendContext(
        String id, JsonObject options, Vertx vertx, ScheduledExecutorService timers, ExecutorService workers)
        implements BackendContext, AutoCloseable {

    /** A context for backend {@code id} with {@code options} (none when {@code null}), on {@code vertx}. */
    public static TestBackendContext of(String id, JsonObject options, Vertx vertx) {
        return new TestBackendContext(id, options == null ? new JsonObject() : options, vertx,
                Executors.newSingleThreadScheduledExecutor(), Executors.newCachedThreadPool());
    }

    @Override
    public void close() {
        timers.shutdownNow();
        workers.shutdownNow();
    }
}
