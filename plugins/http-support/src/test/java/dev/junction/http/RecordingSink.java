package dev.junction.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatSink;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ChatSink} for tests: records every event it is given (also any after the terminal one,
 * so that tests can prove there are none), lets a test cancel, and waits for events. Thread-safe.
 */
final class RecordingSink implements ChatSink {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final List<ChatEvent> events = new ArrayList<>();
    private final List<Runnable> cancelActions = new ArrayList<>();
    private final List<Runnable> readyActions = new ArrayList<>();
    private boolean clientReading = true;
    private final CountDownLatch terminal = new CountDownLatch(1);
    private boolean cancelled;
    private boolean ended;
    private Context terminalContext;

    @Override
    public void emit(ChatEvent event) {
        synchronized (this) {
            events.add(event);
            if (event.terminal() && !ended) {
                terminalContext = Vertx.currentContext();
            }
            ended |= event.terminal();
            notifyAll();
        }
        if (event.terminal()) {
            terminal.countDown();
        }
    }

    @Override
    public synchronized boolean cancelled() {
        return cancelled;
    }

    @Override
    public void onCancel(Runnable action) {
        synchronized (this) {
            if (!cancelled) {
                if (!ended) {
                    cancelActions.add(action);
                }
                return;
            }
        }
        action.run();
    }

    /** The client went away: runs the cancel actions, then the ready actions. */
    void cancel() {
        List<Runnable> actions;
        synchronized (this) {
            cancelled = true;
            actions = new ArrayList<>(cancelActions);
            actions.addAll(readyActions);
            cancelActions.clear();
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

    /** Waits until at least {@code count} events arrived and returns them all. */
    synchronized List<ChatEvent> awaitEvents(int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (events.size() < count) {
            long left = deadline - System.nanoTime();
            assertThat(left).as("%d events within %s, got %s", count, WAIT, events).isPositive();
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return List.copyOf(events);
    }

    /** Waits for the terminal event and returns it. */
    ChatEvent awaitTerminal() throws InterruptedException {
        assertThat(terminal.await(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .as("a terminal event within %s, got %s", WAIT, events())
                .isTrue();
        List<ChatEvent> all = events();
        return all.stream().filter(ChatEvent::terminal).findFirst().orElseThrow();
    }

    /** Waits for the terminal event, which must be a failure, and returns it. */
    ChatEvent.Failed awaitFailure() throws InterruptedException {
        ChatEvent last = awaitTerminal();
        assertThat(last).isInstanceOf(ChatEvent.Failed.class);
        return (ChatEvent.Failed) last;
    }

    /**
     * Waits until the Vert.x context that emitted the terminal event finished its current task, so
     * that whatever that task would have emitted after the terminal is recorded.
     */
    void awaitTerminalTaskDone() throws Exception {
        awaitTerminal();
        Context context;
        synchronized (this) {
            context = terminalContext;
        }
        assertThat(context).as("the terminal event came from a Vert.x context").isNotNull();
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> done.complete());
        done.future().await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether any event beyond the {@code count} already seen arrives within {@code window}. */
    synchronized boolean moreThanWithin(int count, Duration window) throws InterruptedException {
        long deadline = System.nanoTime() + window.toNanos();
        while (events.size() <= count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** Whether a terminal event arrives within {@code window}. */
    boolean terminalWithin(Duration window) throws InterruptedException {
        return terminal.await(window.toMillis(), TimeUnit.MILLISECONDS);
    }
}
