package dev.junction.plugin;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What a {@link BackendFactory} gets to build a backend, and what the backend runs its own work on.
 * The gateway owns it: it makes one per backend it starts and closes it once the backend has
 * retired and {@link Backend#close} has completed, which stops the timers and threads below. A
 * plugin starts no thread, timer or pool of its own (none could be stopped when the plugin is
 * replaced, and each would keep the plugin's classes loaded): it uses these.
 *
 * @since 1.0.0
 */
public interface BackendContext {

    /** The backend's id in the configuration ({@code backends.<id>}). */
    String id();

    /**
     * The backend's {@code options} object from the configuration, environment variables already
     * expanded; an empty object when none were given.
     */
    JsonObject options();

    /** The gateway's Vert.x instance, for event-loop timers and non-blocking clients. */
    Vertx vertx();

    /**
     * A timer thread of this backend's own, for deadlines that must fire whatever the event loops
     * are doing (a process to kill, say). Tasks must be short and must not block. Shut down when
     * the backend retires: tasks still scheduled then never run.
     */
    ScheduledExecutorService timers();

    /**
     * Threads for this backend's blocking work beside its requests (copying a process's input,
     * draining its error output...), started as needed and shut down when the backend retires.
     * A {@linkplain Backend#blocking() blocking} backend's {@link Backend#chat} already runs on a
     * worker thread and needs no thread from here to block.
     */
    ExecutorService workers();
}
