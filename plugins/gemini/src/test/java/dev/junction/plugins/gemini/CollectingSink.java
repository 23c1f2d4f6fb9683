package dev.junction.plugins.gemini;

import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatSink;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects a stream's events; {@link #done()} completes with all of them at the terminal event. */
final class CollectingSink implements ChatSink {

    private final List<ChatEvent> events = new CopyOnWriteArrayList<>();
    private final Promise<List<ChatEvent>> done = Promise.promise();

    @Override
    public void emit(ChatEvent event) {
        if (done.future().isComplete()) {
            throw new AssertionError("an event after the terminal one: " + event);
        }
        events.add(event);
        if (event.terminal()) {
            done.complete(List.copyOf(events));
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

    Future<List<ChatEvent>> done() {
        return done.future();
    }
}
