package dev.junction.gateway.backend;

import io.vertx.core.Future;
import java.util.function.Supplier;

/**
 * Runs asynchronous steps one after another: each starts once the one before has ended, failed or
 * not. The gateway's changes (a configuration reload, the plugin folder's changes, shutdown) take
 * turns through one of these, as {@link BackendHost#reconcile} calls must not overlap. Thread-safe.
 */
public final class OneAtATime {

    private Future<?> last = Future.succeededFuture();

    /** Runs {@code step} once the steps before it have ended; its result. */
    public synchronized <T> Future<T> run(Supplier<Future<T>> step) {
        Future<T> next = last.transform(previous -> step.get());
        last = next;
        return next;
    }
}
