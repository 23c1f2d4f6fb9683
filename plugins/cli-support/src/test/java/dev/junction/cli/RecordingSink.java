package dev.junction.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A {@link ChatSink} that records every event, also those a real sink would drop (after the end
 * or after a cancel), so that tests can see them. Thread-safe; tests wait on it for conditions and
 * cancel through it like a client going away.
 */
final class RecordingSink implements ChatSink {

    private final boolean keepText;
    private final List<ChatEvent> events = new ArrayList<>();
    private final List<Runnable> cancelActions = new ArrayList<>();
    private final List<Runnable> readyActions = new ArrayList<>();
    private boolean clientReading = true;
    private final StringBuilder text = new StringBuilder();
    private long textLength;
    private boolean cancelled;
    private int cancelRegistrations;
    private long terminalAtNanos;

    private RecordingSink(boolean keepText) {
        this.keepText = keepText;
    }

    /** A sink that keeps every event. */
    static RecordingSink recording() {
        return new RecordingSink(true);
    }

    /** A sink that counts the characters of text deltas instead of keeping them (for huge answers). */
    static RecordingSink countingText() {
        return new RecordingSink(false);
    }

    @Override
    public synchronized void emit(ChatEvent event) {
        if (event instanceof ChatEvent.TextDelta delta) {
            textLength += delta.text().length();
            if (!keepText) {
                return;
            }
            text.append(delta.text());
        }
        if (event.terminal() && terminalAtNanos == 0) {
            terminalAtNanos = System.nanoTime();
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
                cancelActions.add(action);
                cancelRegistrations++;
                notifyAll();
                return;
            }
        }
        action.run();
    }

    /** The client goes away: runs the cancel actions, then the ready actions, on this thread. */
    void cancel() {
        List<Runnable> actions;
        synchronized (this) {
            cancelled = true;
            actions = new ArrayList<>(cancelActions);
            actions.addAll(readyActions);
            readyActions.clear();
        }
        actions.forEach(Runnable::run);
    }

    @Override
    public synchronized boolean ready() {
        return clientReading && !cancelled;
    }

    @Override
    public void onReady(Runnable action) {
        synchronized (this) {
            if (!clientReading && !cancelled) {
                readyActions.add(action);
                return;
            }
        }
        action.run();
    }

    /** The client stops reading: the sink is not ready until {@link #resumeReading()}. */
    synchronized void stopReading() {
        clientReading = false;
    }

    /** The client reads again: runs the ready actions on this thread. */
    void resumeReading() {
        List<Runnable> actions;
        synchronized (this) {
            clientReading = true;
            actions = List.copyOf(readyActions);
            readyActions.clear();
        }
        actions.forEach(Runnable::run);
    }

    /** How many producers wait for the client to read on. */
    synchronized int waitingProducers() {
        return readyActions.size();
    }

    synchronized List<ChatEvent> events() {
        return List.copyOf(events);
    }

    /** The text deltas so far, concatenated (empty for a counting sink). */
    synchronized String text() {
        return text.toString();
    }

    synchronized long textLength() {
        return textLength;
    }

    /** When the first terminal event came, by {@link System#nanoTime()}; 0 if none came. */
    synchronized long terminalAtNanos() {
        return terminalAtNanos;
    }

    /** Asserts that exactly one terminal event came, and came last. */
    synchronized void assertEndsOnce() {
        assertThat(events).filteredOn(ChatEvent::terminal).hasSize(1);
        assertThat(events).last().matches(ChatEvent::terminal, "is terminal");
    }

    /** The terminal event, asserted to be a failure. */
    synchronized ChatEvent.Failed failure() {
        ChatEvent terminal = events.stream().filter(ChatEvent::terminal).findFirst().orElse(null);
        assertThat(terminal).as("the terminal event of %s", events).isInstanceOf(ChatEvent.Failed.class);
        return (ChatEvent.Failed) terminal;
    }

    /** Waits until the text deltas contain {@code expected}. */
    synchronized void awaitText(String expected, Duration timeout) {
        awaitUntil(() -> text.indexOf(expected) >= 0, timeout, "text '" + expected + "'");
    }

    /** Waits until the backend registered a cancel action (the request is queued or running). */
    synchronized void awaitCancelRegistration(Duration timeout) {
        awaitUntil(() -> cancelRegistrations > 0, timeout, "a cancel registration");
    }

    private synchronized void awaitUntil(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no " + what + " within " + timeout + "; events: " + events);
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }
}
