package dev.junction.gateway.resilience;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The deadlines of the node's chat attempts, checked by one periodic timer per context instead of a
 * timer each: a timer per request costs a task added to and removed from the event loop's
 * scheduled-task queue, twice when the first event moves the deadline. Timeouts are whole seconds,
 * so a deadline is noticed at most one {@link #TICK_MILLIS tick} late.
 *
 * <p>At each tick every watched {@link Watched} is asked for its deadline, which may have moved since
 * (later events push an idle deadline further at no cost); those whose deadline passed stop being
 * watched, then hear {@link Watched#expired()}. A context's timer runs only while it watches something.
 *
 * <p>One sweeper serves every HTTP server instance of the node. Each context (a request's context
 * counts as its event loop's: duplicates share their base context's lane) has a lane of its
 * own: the items watched from it and its timer, which runs on that context. So an item is asked for
 * its deadline and expired on the context that watched it, never across threads, and a lane is
 * touched by its own context only: watch, unwatch and the ticks need no lock. Lanes are found in a
 * concurrent map; an idle lane removes itself at its next tick. Call {@link #watch} and
 * {@link #unwatch} on a Vert.x context, the same one for an item.
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

    private final long tickMillis;
    private final Map<Context, Lane> lanes = new ConcurrentHashMap<>();

    /** A sweeper that ticks every {@value #TICK_MILLIS} ms. */
    public DeadlineSweeper() {
        this(TICK_MILLIS);
    }

    DeadlineSweeper(long tickMillis) {
        this.tickMillis = tickMillis;
    }

    /** Watches {@code item} until it is unwatched or expired; starts the context's timer if it was idle. */
    void watch(Watched item) {
        lanes.computeIfAbsent(currentContext(), Lane::new).watched.add(item);
    }

    /** Stops watching {@code item}; nothing happens if it was not watched. */
    void unwatch(Watched item) {
        Lane lane = lanes.get(currentContext());
        if (lane != null) {
            lane.watched.remove(item);
        }
    }

    /** Whether a timer runs (something was watched at the last tick of its context or since). */
    boolean ticking() {
        return !lanes.isEmpty();
    }

    /** The caller's context; a request's duplicate context counts as its base one. */
    private static ContextInternal currentContext() {
        ContextInternal current = (ContextInternal) Vertx.currentContext();
        if (current == null) {
            throw new IllegalStateException("deadlines are watched from a Vert.x context");
        }
        return current.unwrap();
    }

    /** The items watched from one context and the timer that checks them there. */
    private final class Lane {

        private final ContextInternal context;
        private final Set<Watched> watched = new LinkedHashSet<>();
        private final long timer;

        Lane(Context context) {
            this.context = (ContextInternal) context;
            this.timer = this.context.setPeriodic(tickMillis, id -> tick());
        }

        private void tick() {
            if (watched.isEmpty()) {
                context.owner().cancelTimer(timer);
                lanes.remove(context, this);
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
}
