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
public final class TestBackendContext implements BackendContext, AutoCloseable {

    private final String id;
    private final JsonObject options;
    private final Vertx vertx;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService workers = Executors.newCachedThreadPool();

    private TestBackendContext(String id, JsonObject options, Vertx vertx) {
        this.id = id;
        this.options = options;
        this.vertx = vertx;
    }

    /** A context for backend {@code id} with {@code options}, on {@code vertx}. */
    public static TestBackendContext of(String id, JsonObject options, Vertx vertx) {
        return new TestBackendContext(id, options == null ? new JsonObject() : options, vertx);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public JsonObject options() {
        return options;
    }

    @Override
    public Vertx vertx() {
        return vertx;
    }

    @Override
    public ScheduledExecutorService timers() {
        return timers;
    }

    @Override
    public ExecutorService workers() {
        return workers;
    }

    @Override
    public void close() {
        timers.shutdownNow();
        workers.shutdownNow();
    }
}
