package dev.junction.gateway.backend;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Looks at the plugin folder on a fixed tick ({@code plugins.scanIntervalMillis}): each tick runs
 * {@code scan} (which refreshes the {@link PluginHost} off the event loop and reconciles the
 * backends when a plugin changed), unless the previous scan is still running. It is a Vert.x timer:
 * it starts no thread, and {@link #stop} leaves none.
 */
public final class PluginWatcher {

    private final Vertx vertx;
    private final long timer;

    private PluginWatcher(Vertx vertx, long timer) {
        this.vertx = vertx;
        this.timer = timer;
    }

    /** Runs {@code scan} every {@code interval} from now on, never two at a time. */
    public static PluginWatcher start(Vertx vertx, Duration interval, Supplier<Future<?>> scan) {
        AtomicBoolean scanning = new AtomicBoolean();
        long timer = vertx.setPeriodic(Math.max(1, interval.toMillis()), tick -> {
            if (scanning.compareAndSet(false, true)) {
                scan.get().onComplete(done -> scanning.set(false));
            }
        });
        return new PluginWatcher(vertx, timer);
    }

    /** Stops the ticks; a scan running goes on to its end. */
    public void stop() {
        vertx.cancelTimer(timer);
    }
}
