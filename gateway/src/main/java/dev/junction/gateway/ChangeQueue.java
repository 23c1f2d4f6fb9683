package dev.junction.gateway;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.function.Supplier;

/**
 * Runs the changes of a running gateway (a configuration reload, a rescan of its plugin folder asked
 * for at {@code POST /admin/plugins/reload}) one at a time, in the order asked, on the context the
 * gateway was started from: what a change deploys (a backend's verticle) is then no HTTP server's
 * child, and the backends are never reconciled by two changes at once. A change that fails does
 * not stop the next. Thread-safe.
 */
final class ChangeQueue {

    private final Context context;
    /** The change asked for last; read and written on {@link #context} only. */
    private Future<?> last = Future.succeededFuture();

    ChangeQueue(Context context) {
        this.context = context;
    }

    /** Runs {@code change} once the changes asked for before it are done; completes as it does. */
    <T> Future<T> run(Supplier<Future<T>> change) {
        Promise<T> done = Promise.promise();
        context.runOnContext(now -> {
            Future<T> next = last.transform(previous -> change.get());
            last = next;
            next.onComplete(done);
        });
        return done.future();
    }
}
