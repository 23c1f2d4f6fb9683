package dev.junction.plugin.testkit;

import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatSink;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A {@link ChatSink} for tests that plays the client. It records every event, also those the
 * gateway's sink would drop (after the terminal one, after a cancel), so that a test can prove
 * there are none; it cancels like a client going away; and it grants flow-control credit like a
 * client that reads ({@link #stopReading()}, {@link #resumeReading()}).
 *
 * <p>Thread-safe: a backend may emit from any thread while the test waits on the sink. Waits fail
 * the test with the events so far when their timeout passes.
 *
 * @since 1.0.0
 */
public final class RecordingSink implements ChatSink {

    /** How long the {@code await} methods without a timeout wait. */
    public static final Duration WAIT = Duration.ofSeconds(10);

    private final boolean keepText;
    private final List<ChatEvent> events = new ArrayList<>();
    private final List<Runnable> cancelActions = new ArrayList<>();
    private final List<Runnable> readyActions = new ArrayList<>();
    private boolean clientReading = true;
    private boolean cancelled;
    private int cancelRegistrations;
    /** How many events had come when the cancel actions had run; -1 before a cancel. */
    private int eventsAtCancel = -1;
    /** The index of the first terminal event; -1 while there is none. */
    private int terminalIndex = -1;
    private long terminalAtNanos;
    private Context terminalContext;
    private long textLength;

    private RecordingSink(boolean keepText) {
        this.keepText = keepText;
    }

    /** A sink that keeps every event. */
    public RecordingSink() {
        this(true);
    }

    /**
     * A sink that counts the characters of text deltas ({@link #textLength()}) instead of keeping
     * them, for answers too big to hold.
     */
    public static RecordingSink countingText() {
        return new RecordingSink(false);
    }

    @Override
    public synchronized void emit(ChatEvent event) {
        if (event instanceof ChatEvent.TextDelta delta) {
            textLength += delta.text().length();
            if (!keepText) {
                notifyAll();
                return;
            }
        }
        if (event.terminal() && terminalIndex < 0) {
            terminalIndex = events.size();
            terminalAtNanos = System.nanoTime();
            terminalContext = Vertx.currentContext();
        }
        events.add(event);
        notifyAll();
    }

    @Override
    public synchronized boolean cancelled() {
        return cancelled;
    }

    @Override
    public void onCancel(Runnable action) {
        synchronized (this) {
            if (!cancelled) {
                if (!ended()) {
                    cancelActions.add(action);
                    cancelRegistrations++;
                    notifyAll();
                }
                return;
            }
        }
        action.run();
    }

    @Override
    public synchronized boolean ready() {
        return clientReading && !cancelled && !ended();
    }

    @Override
    public void onReady(Runnable action) {
        synchronized (this) {
            if (!clientReading && !cancelled && !ended()) {
                readyActions.add(action);
                return;
            }
        }
        action.run();
    }

    /**
     * The client goes away: runs the cancel actions, then wakes the producers waiting for credit,
     * on the calling thread. Events that come after this returns count as
     * {@linkplain #eventsAfterCancel() after the cancel}.
     */
    public void cancel() {
        List<Runnable> actions;
        synchronized (this) {
            cancelled = true;
            actions = new ArrayList<>(cancelActions);
            actions.addAll(readyActions);
            cancelActions.clear();
            readyActions.clear();
        }
        actions.forEach(Runnable::run);
        synchronized (this) {
            eventsAtCancel = events.size();
            notifyAll();
        }
    }

    /** The client stops reading: the sink is not {@link #ready()} until {@link #resumeReading()}. */
    public synchronized void stopReading() {
        clientReading = false;
    }

    /** The client reads again: runs the waiting producers' ready actions on the calling thread. */
    public void resumeReading() {
        List<Runnable> actions;
        synchronized (this) {
            clientReading = true;
            actions = List.copyOf(readyActions);
            readyActions.clear();
        }
        actions.forEach(Runnable::run);
    }

    /** How many producers wait for the client to read on. */
    public synchronized int waitingProducers() {
        return readyActions.size();
    }

    /** Every event so far, in order, also any after the terminal one. */
    public synchronized List<ChatEvent> events() {
        return List.copyOf(events);
    }

    /** The events that came after {@link #cancel()} had run the cancel actions; empty before a cancel. */
    public synchronized List<ChatEvent> eventsAfterCancel() {
        return eventsAtCancel < 0 ? List.of() : List.copyOf(events.subList(eventsAtCancel, events.size()));
    }

    /** The first terminal event, or {@code null} while there is none. */
    public synchronized ChatEvent terminal() {
        return terminalIndex < 0 ? null : events.get(terminalIndex);
    }

    /** When the first terminal event came, by {@link System#nanoTime()}; 0 while none came. */
    public synchronized long terminalAtNanos() {
        return terminalAtNanos;
    }

    /** The characters of all text deltas so far (also for a {@link #countingText()} sink). */
    public synchronized long textLength() {
        return textLength;
    }

    /** The text deltas of block {@code index}, joined. */
    public synchronized String text(int index) {
        StringBuilder text = new StringBuilder();
        for (ChatEvent event : events) {
            if (event instanceof ChatEvent.TextDelta delta && delta.index() == index) {
                text.append(delta.text());
            }
        }
        return text.toString();
    }

    /** All text deltas, joined (empty for a {@link #countingText()} sink). */
    public synchronized String text() {
        StringBuilder text = new StringBuilder();
        events.stream()
                .filter(ChatEvent.TextDelta.class::isInstance)
                .forEach(event -> text.append(((ChatEvent.TextDelta) event).text()));
        return text.toString();
    }

    /** Waits (up to {@link #WAIT}) for the terminal event and returns every event up to it. */
    public List<ChatEvent> awaitEnd() {
        return awaitEnd(WAIT);
    }

    /** Waits for the terminal event and returns every event up to it. */
    public synchronized List<ChatEvent> awaitEnd(Duration timeout) {
        awaitUntil(() -> terminal() != null, timeout, "a terminal event");
        return List.copyOf(events.subList(0, terminalIndex + 1));
    }

    /** Waits for the terminal event and returns it. */
    public synchronized ChatEvent awaitTerminal() {
        awaitEnd();
        return terminal();
    }

    /** Waits for the terminal event, fails the test unless it is a {@link ChatEvent.Failed}, returns it. */
    public synchronized ChatEvent.Failed awaitFailure() {
        ChatEvent terminal = awaitTerminal();
        if (!(terminal instanceof ChatEvent.Failed failed)) {
            throw new AssertionError("expected the stream to fail, but it ended with " + terminal + "; events: " + events);
        }
        return failed;
    }

    /**
     * Waits for the terminal event, then until the Vert.x context that emitted it has finished its
     * current task, so that whatever that task emitted after the terminal event is recorded.
     */
    public void awaitTerminalTaskDone() {
        awaitTerminal();
        Context context;
        synchronized (this) {
            context = terminalContext;
        }
        if (context == null) {
            throw new AssertionError("the terminal event came from no Vert.x context");
        }
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> done.complete());
        try {
            done.future().await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("the context that ended the stream stayed busy", e);
        }
    }

    /** Waits until at least {@code count} events came, and returns them all. */
    public synchronized List<ChatEvent> awaitEvents(int count) {
        awaitUntil(() -> events.size() >= count, WAIT, count + " events");
        return List.copyOf(events);
    }

    /** Waits until the text deltas contain {@code expected}. */
    public synchronized void awaitText(String expected, Duration timeout) {
        awaitUntil(() -> text().contains(expected), timeout, "text '" + expected + "'");
    }

    /** Waits until the backend registered a cancel action (its request is queued or running). */
    public synchronized void awaitCancelRegistration(Duration timeout) {
        awaitUntil(() -> cancelRegistrations > 0, timeout, "a cancel registration");
    }

    /** Whether more than {@code count} events have come within {@code window} (a negative check). */
    public synchronized boolean moreThanWithin(int count, Duration window) {
        return waitFor(() -> events.size() > count, window);
    }

    /** Whether a terminal event comes within {@code window}. */
    public synchronized boolean terminalWithin(Duration window) {
        return waitFor(() -> terminal() != null, window);
    }

    private synchronized void awaitUntil(BooleanSupplier condition, Duration timeout, String what) {
        if (!waitFor(condition, timeout)) {
            throw new AssertionError("no " + what + " within " + timeout + "; events: " + events);
        }
    }

    private synchronized boolean waitFor(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting on the sink", e);
            }
        }
        return true;
    }

    private boolean ended() {
        return terminalIndex >= 0;
    }
}
