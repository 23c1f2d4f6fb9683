package dev.junction.plugins.anthropic;

import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatSink;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A sink that keeps every event up to the terminal one, emitted from any thread. */
final class RecordingSink implements ChatSink {

    private final List<ChatEvent> events = new CopyOnWriteArrayList<>();
    private final List<ChatEvent> late = new CopyOnWriteArrayList<>();
    private final CompletableFuture<ChatEvent> terminal = new CompletableFuture<>();

    @Override
    public synchronized void emit(ChatEvent event) {
        if (terminal.isDone()) {
            late.add(event);
            return;
        }
        events.add(event);
        if (event.terminal()) {
            terminal.complete(event);
        }
    }

    @Override
    public boolean cancelled() {
        return false;
    }

    @Override
    public void onCancel(Runnable action) {}

    @Override
    public boolean ready() {
        return true;
    }

    @Override
    public void onReady(Runnable action) {
        action.run();
    }

    /** Every event, once the terminal one came (within 10 seconds). */
    List<ChatEvent> awaitEvents() throws Exception {
        terminal.get(10, TimeUnit.SECONDS);
        if (!late.isEmpty()) {
            throw new AssertionError("events after the terminal one: " + late);
        }
        return List.copyOf(events);
    }

    /** The terminal event (within 10 seconds). */
    ChatEvent awaitTerminal() throws Exception {
        return terminal.get(10, TimeUnit.SECONDS);
    }
}
