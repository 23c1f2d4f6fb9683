package dev.junction.gateway.backend;

import dev.junction.gateway.bus.ExchangeRelay;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatSink;
import dev.junction.plugin.ErrorKind;
import io.vertx.core.eventbus.EventBus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ChatSink} that sends each event to the exchange's reply address (on its {@code events}
 * route, through the front end's relay when that is another node), as far as the front
 * end's credit goes ({@link #grant}). Events emitted beyond the credit are held, in order, and sent
 * as credit comes; more than {@link #MAX_HELD} of them end the stream with an error and cancel the
 * backend. The terminal event needs no credit, only the events before it sent.
 *
 * <p>Thread-safe: events are sent under a lock, so that emits from several threads keep their
 * order. Cancel and ready actions run outside the lock, on the thread that cancels or grants.
 */
final class BusChatSink implements ChatSink {

    /** The events a backend may emit beyond its credit before its stream fails. */
    static final int MAX_HELD = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(BusChatSink.class);

    private final EventBus bus;
    private final ExchangeRelay.Route events;
    private final Consumer<BusChatSink> onDone;
    private final List<Runnable> cancelActions = new ArrayList<>();
    private final List<Runnable> readyActions = new ArrayList<>();
    private final ArrayDeque<ChatEvent> held = new ArrayDeque<>();
    private long credit;
    /** The backend emitted its terminal event (it may still be held). */
    private boolean ended;
    private boolean cancelled;
    /** The terminal event was sent, or the stream was stopped: {@link #onDone} was told. */
    private boolean closed;

    /**
     * @param credit the events the front end granted with the request
     * @param onDone gets this sink once, when the stream ends, is cancelled or is aborted
     */
    BusChatSink(EventBus bus, ExchangeRelay.Route events, int credit, Consumer<BusChatSink> onDone) {
        this.bus = bus;
        this.events = events;
        this.credit = credit;
        this.onDone = onDone;
    }

    @Override
    public void emit(ChatEvent event) {
        boolean overflow = false;
        List<Runnable> woken = List.of();
        synchronized (this) {
            if (ended || cancelled) {
                return;
            }
            ended = event.terminal();
            if (!ended && held.size() >= MAX_HELD) {
                overflow = true;
            } else {
                held.add(event);
                flush();
                if (ended) {
                    woken = take(readyActions);
                }
            }
        }
        if (overflow) {
            abort(ChatEvent.Failed.of(ErrorKind.INTERNAL, "The backend sent more than " + MAX_HELD
                    + " events the client had not asked for (it ignores flow control); the answer was cut off."));
            return;
        }
        woken.forEach(BusChatSink::runQuietly);
        closeIfSent();
    }

    @Override
    public synchronized boolean cancelled() {
        return cancelled;
    }

    @Override
    public void onCancel(Runnable action) {
        synchronized (this) {
            if (ended) {
                return;
            }
            if (!cancelled) {
                cancelActions.add(action);
                return;
            }
        }
        runQuietly(action);
    }

    @Override
    public synchronized boolean ready() {
        return !ended && !cancelled && held.isEmpty() && credit > 0;
    }

    @Override
    public void onReady(Runnable action) {
        synchronized (this) {
            if (!ready() && !ended && !cancelled) {
                readyActions.add(action);
                return;
            }
        }
        runQuietly(action);
    }

    /** The front end granted {@code events} more: sends what is held, then wakes the waiting producer. */
    void grant(int events) {
        List<Runnable> woken = List.of();
        synchronized (this) {
            if (closed) {
                return;
            }
            credit += events;
            flush();
            if (ready()) {
                woken = take(readyActions);
            }
        }
        woken.forEach(BusChatSink::runQuietly);
        closeIfSent();
    }

    /** The client went away: stops the stream and runs the cancel actions. */
    void cancel() {
        stop(null);
    }

    /** Ends the stream with {@code failure} and, as a cancel does, tells the backend to stop. */
    void abort(ChatEvent.Failed failure) {
        stop(failure);
    }

    /** Sends the held events the credit covers, and the terminal event once it is next. Under the lock. */
    private void flush() {
        while (!held.isEmpty() && (credit > 0 || held.peek().terminal())) {
            ChatEvent next = held.poll();
            if (!next.terminal()) {
                credit--;
            }
            events.send(bus, next);
        }
    }

    /** Tells {@link #onDone} once the terminal event went out. */
    private void closeIfSent() {
        synchronized (this) {
            if (closed || !ended || !held.isEmpty()) {
                return;
            }
            closed = true;
        }
        onDone.accept(this);
    }

    private void stop(ChatEvent.Failed failure) {
        List<Runnable> actions;
        List<Runnable> woken;
        synchronized (this) {
            if (closed || cancelled) {
                return;
            }
            closed = true;
            cancelled = true;
            held.clear();
            // A backend that already emitted its end has nothing left to stop.
            actions = ended ? List.of() : List.copyOf(cancelActions);
            woken = take(readyActions);
        }
        actions.forEach(BusChatSink::runQuietly);
        woken.forEach(BusChatSink::runQuietly);
        // Released first, so that the front end, once it has the failure, finds nothing of the exchange left.
        onDone.accept(this);
        if (failure != null) {
            events.send(bus, failure); // nothing else is sent once cancelled
        }
    }

    private static List<Runnable> take(List<Runnable> actions) {
        List<Runnable> taken = List.copyOf(actions);
        actions.clear();
        return taken;
    }

    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warn("A cancel or ready action failed", e);
        }
    }
}
