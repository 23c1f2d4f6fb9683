package dev.junction.gateway.backend;

import dev.junction.gateway.bus.Credit;
import dev.junction.gateway.bus.EventBatch;
import dev.junction.gateway.bus.ExchangeRelay;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatSink;
import dev.junction.plugin.ErrorKind;
import io.vertx.core.Context;
import io.vertx.core.eventbus.EventBus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ChatSink} that sends the events to the exchange's reply address (on its {@code events}
 * route, through the front end's relay when that is another node), as far as the front end's
 * credit goes ({@link #grant}). Events emitted beyond the credit are held, in order, and sent as
 * credit comes; more than {@link #MAX_HELD} of them end the stream with an error and cancel the
 * backend. The terminal event needs no credit, only the events before it sent.
 *
 * <p>Batches: the answer's opening goes out at once, event by event, up to its first event that is
 * not a {@link ChatEvent.MessageStart}, so that the client's first byte waits for nothing. After
 * it, the events emitted in one turn of the backend's event loop (what one upstream read brought)
 * go out together, as one {@link EventBatch}, when the loop takes up its next task: no timer, no
 * waiting for more, so a paced backend's events still go out one by one as they come. A batch that
 * reaches {@link #MAX_BATCH} events goes at once.
 *
 * <p>Thread-safe: events are queued and sent under a lock, so that emits from several threads keep
 * their order. Cancel and ready actions run outside the lock, on the thread that cancels or grants.
 */
final class BusChatSink implements ChatSink {

    /** The events a backend may emit beyond its credit before its stream fails. */
    static final int MAX_HELD = 1024;
    /**
     * The most events in one batch: a batch is taken in whole by the front end, so its size bounds
     * what the front end holds at once beyond the response's write queue (a credit window of large
     * events in one message would be held three times over: its wire bytes, its events and their frames).
     */
    static final int MAX_BATCH = 32;

    private static final Logger LOG = LoggerFactory.getLogger(BusChatSink.class);

    private final Context context;
    private final EventBus bus;
    private final ExchangeRelay.Route events;
    private final Consumer<BusChatSink> onDone;
    private final List<Runnable> cancelActions = new ArrayList<>();
    private final List<Runnable> readyActions = new ArrayList<>();
    /** Emitted beyond the credit: waits for more. */
    private final ArrayDeque<ChatEvent> held = new ArrayDeque<>();
    /** Covered by the credit (or terminal): goes in the next batch. */
    private final List<ChatEvent> outbox = new ArrayList<>();
    /** The credit not yet taken by an event of the outbox or sent. */
    private long credit;
    /** An event other than a message start was sent: later events go in batches. */
    private boolean opened;
    /** A send of the outbox is scheduled on {@link #context}. */
    private boolean sendScheduled;
    /** The backend emitted its terminal event (it may still be held). */
    private boolean ended;
    private boolean cancelled;
    /** The terminal event was sent, or the stream was stopped: {@link #onDone} was told. */
    private boolean closed;

    /**
     * @param context the event loop whose turns delimit the batches (the backend verticle's)
     * @param credit the events the front end granted with the request
     * @param onDone gets this sink once, when the stream ends, is cancelled or is aborted
     */
    BusChatSink(Context context, ExchangeRelay.Route events, int credit, Consumer<BusChatSink> onDone) {
        this.context = context;
        this.bus = context.owner().eventBus();
        this.events = events;
        this.credit = credit;
        this.onDone = onDone;
    }

    @Override
    public void emit(ChatEvent event) {
        boolean overflow = false;
        List<Runnable> woken = List.of();
        EventBatch last = null;
        synchronized (this) {
            if (ended || cancelled) {
                return;
            }
            ended = event.terminal();
            if (!ended && held.size() >= MAX_HELD) {
                overflow = true;
            } else {
                held.add(event);
                release();
                last = dispatch();
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
        sendLast(last);
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
        EventBatch last;
        synchronized (this) {
            if (closed) {
                return;
            }
            credit += events;
            release();
            last = dispatch();
            if (ready()) {
                woken = take(readyActions);
            }
        }
        woken.forEach(BusChatSink::runQuietly);
        sendLast(last);
    }

    /** The client went away: stops the stream and runs the cancel actions. */
    void cancel() {
        stop(null);
    }

    /** Ends the stream with {@code failure} and, as a cancel does, tells the backend to stop. */
    void abort(ChatEvent.Failed failure) {
        stop(failure);
    }

    /** Moves the held events the credit covers to the outbox, the terminal event once it is next. Under the lock. */
    private void release() {
        while (!held.isEmpty() && (credit > 0 || held.peek().terminal())) {
            ChatEvent next = held.poll();
            if (!next.terminal()) {
                credit -= Credit.cost(next);
            }
            outbox.add(next);
        }
    }

    /**
     * Sends the outbox now while the answer opens, else at the end of this turn of the event loop.
     * Under the lock.
     *
     * @return the batch that ends the stream, when it was taken now, for {@link #sendLast}
     */
    private EventBatch dispatch() {
        if (!opened || outbox.size() >= MAX_BATCH) {
            return send();
        }
        if (outbox.isEmpty() || sendScheduled) {
            return null;
        }
        sendScheduled = true;
        context.runOnContext(turnEnded -> {
            EventBatch last = null;
            synchronized (this) {
                sendScheduled = false;
                if (!cancelled) {
                    last = send();
                }
            }
            sendLast(last);
        });
        return null;
    }

    /**
     * Sends the outbox as one batch, under the lock; the batch that ends the stream is returned
     * instead, for {@link #sendLast} once out of the lock. Nothing is sent after it.
     */
    private EventBatch send() {
        if (outbox.isEmpty()) {
            return null;
        }
        EventBatch batch = new EventBatch(outbox);
        outbox.clear();
        for (ChatEvent event : batch.events()) {
            opened |= !(event instanceof ChatEvent.MessageStart);
        }
        if (batch.events().get(batch.events().size() - 1).terminal()) {
            closed = true;
            return batch;
        }
        events.send(bus, batch);
        return null;
    }

    /**
     * Tells {@link #onDone} and then sends the batch that ends the stream: released first, so that
     * the front end, once it has the end, finds nothing of the exchange left (its credit address gone).
     */
    private void sendLast(EventBatch last) {
        if (last != null) {
            onDone.accept(this);
            events.send(bus, last);
        }
    }

    private void stop(ChatEvent.Failed failure) {
        List<Runnable> actions;
        List<Runnable> woken;
        List<ChatEvent> last = new ArrayList<>();
        synchronized (this) {
            if (closed || cancelled) {
                return;
            }
            closed = true;
            cancelled = true;
            held.clear();
            if (failure != null) {
                // What the credit covered and is not sent yet still goes, before the failure.
                last.addAll(outbox);
                last.add(failure);
            }
            outbox.clear();
            // A backend that already emitted its end has nothing left to stop.
            actions = ended ? List.of() : List.copyOf(cancelActions);
            woken = take(readyActions);
        }
        actions.forEach(BusChatSink::runQuietly);
        woken.forEach(BusChatSink::runQuietly);
        // Released first, so that the front end, once it has the failure, finds nothing of the exchange left.
        onDone.accept(this);
        if (failure != null) {
            events.send(bus, new EventBatch(last)); // nothing else is sent once cancelled
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
