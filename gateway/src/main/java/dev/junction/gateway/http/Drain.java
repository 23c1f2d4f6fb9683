package dev.junction.gateway.http;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The answers in flight, so that a stopping gateway can refuse new ones, let these finish for a
 * while, then end the rest. Thread-safe: answers register from their request's context, and each
 * is aborted on that context.
 */
final class Drain {

    /** Where the {@link io.vertx.ext.web.RoutingContext} holds the gateway's drain. */
    static final String KEY = "junction.drain";

    /** How long aborted answers get to write their error event before the drain gives up on them. */
    private static final long ABORT_GRACE_MS = 2_000;

    private final Set<Entry> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean draining;

    private record Entry(Context context, Runnable abort) {}

    /** True once {@link #drain} was called: new answers are refused. */
    boolean draining() {
        return draining;
    }

    /**
     * Tracks an answer; {@code abort} ends it with an error (run on the caller's context).
     *
     * @return what to run when the answer ends, whichever way
     */
    Runnable register(Runnable abort) {
        Entry entry = new Entry(Vertx.currentContext(), abort);
        inFlight.add(entry);
        return () -> inFlight.remove(entry);
    }

    /**
     * Refuses new answers, waits up to {@code timeout} for those in flight, aborts what is left,
     * and completes when none is left (or a short grace after the aborts).
     */
    Future<Void> drain(Vertx vertx, Duration timeout) {
        draining = true;
        Promise<Void> done = Promise.promise();
        long start = System.nanoTime();
        long[] abortedAt = {-1};
        vertx.setPeriodic(25, timer -> {
            long elapsedMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
            if (inFlight.isEmpty() || (abortedAt[0] >= 0 && elapsedMs - abortedAt[0] > ABORT_GRACE_MS)) {
                vertx.cancelTimer(timer);
                done.tryComplete();
            } else if (abortedAt[0] < 0 && elapsedMs >= timeout.toMillis()) {
                abortedAt[0] = elapsedMs;
                for (Entry entry : inFlight) {
                    entry.context().runOnContext(v -> entry.abort().run());
                }
            }
        });
        return done.future();
    }
}
