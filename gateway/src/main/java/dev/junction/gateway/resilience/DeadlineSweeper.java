package dev.junction.gateway.resilience;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The deadlines of the chat attempts on one context, checked by one periodic timer instead of a
 * timer each: a timer per request costs a task added to and removed from the event loop's
 * scheduled-task queue, twice when the first event moves the deadline. Timeouts are whole seconds,
 * so a deadline is noticed at most one {@link #TICK_MILLIS tick} late.
 *
 * <p>At each tick every watched {@link Watched} is asked for its deadline, which may have moved since
 * (later events push an idle deadline further at no cost); those whose deadline passed stop being
 * watched, then hear {@link Watched#expired()}. The timer runs only while something is watched.
 * Confined to one context (the HTTP server's, whose requests the attempts serve): watch, unwatch
 * and the ticks all run there.
 */
public final class DeadlineSweeper {

    /** How often deadlines are checked, hence how late a timeout may fire. */
    static final long TICK_MILLIS = 100;

    /** Something with a deadline that may move. */
    interface Watched {

        /** The deadline in {@link System#nanoTime()} terms; {@link Long#MAX_VALUE} for none. */
        long deadline();

        /** The deadline passed; no longer watched. */
        void expired();
    }

    private final Vertx vertx;
    private final long tickMillis;
    private final Set<Watched> watched = new LinkedHashSet<>();
    private long timer = -1;

    /** A sweeper that ticks every {@value #TICK_MILLIS} ms. */
    public DeadlineSweeper(Vertx vertx) {
        this(vertx, TICK_MILLIS);
    }

    DeadlineSweeper(Vertx vertx, long tickMillis) {
        this.vertx = vertx;
        this.tickMillis = tickMillis;
    }

    /** Watches {@code item} until it is unwatched or expired; starts the timer if it was idle. */
    void watch(Watched item) {
        watched.add(item);
        if (timer < 0) {
            timer = vertx.setPeriodic(tickMillis, id -> tick());
        }
    }

    /** Stops watching {@code item}; nothing happens if it was not watched. */
    void unwatch(Watched item) {
        watched.remove(item);
    }

    /** Whether the timer runs (something was watched at the last tick or since). */
    boolean ticking() {
        return timer >= 0;
    }

    private void tick() {
        if (watched.isEmpty()) {
            vertx.cancelTimer(timer);
            timer = -1;
            return;
        }
        long now = System.nanoTime();
        List<Watched> due = new ArrayList<>();
        for (Watched item : watched) {
            long deadline = item.deadline();
            if (deadline != Long.MAX_VALUE && now - deadline >= 0) {
                due.add(item);
            }
        }
        // Expiring may start other attempts (a retry, a fallback): they register after the loop.
        for (Watched item : due) {
            watched.remove(item);
            item.expired();
        }
    }
}
