package dev.junction.plugins.openai;

import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatSink;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A {@link ChatSink} that records what a backend emits, and can be cancelled like a client leaving. */
final class RecordingSink implements ChatSink {

    private final List<ChatEvent> events = new CopyOnWriteArrayList<>();
    private final List<Runnable> cancelActions = new CopyOnWriteArrayList<>();
    private final Promise<List<ChatEvent>> ended = Promise.promise();
    private final Consumer<ChatEvent> watcher;
    private volatile boolean cancelled;

    RecordingSink() {
        this(event -> {});
    }

    /** @param watcher sees each event as it arrives, before the end */
    RecordingSink(Consumer<ChatEvent> watcher) {
        this.watcher = watcher;
    }

    @Override
    public void emit(ChatEvent event) {
        if (cancelled || ended.future().isComplete()) {
            return;
        }
        events.add(event);
        watcher.accept(event);
        if (event.terminal()) {
            ended.tryComplete(List.copyOf(events));
        }
    }

    @Override
    public boolean cancelled() {
        return cancelled;
    }

    @Override
    public void onCancel(Runnable action) {
        if (cancelled) {
            action.run();
        } else {
            cancelActions.add(action);
        }
    }

    @Override
    public boolean ready() {
        return true;
    }

    @Override
    public void onReady(Runnable action) {
        action.run();
    }

    void cancel() {
        cancelled = true;
        cancelActions.forEach(Runnable::run);
    }

    /** All events, once the terminal one arrived. */
    Future<List<ChatEvent>> ended() {
        return ended.future();
    }

    List<ChatEvent> events() {
        return List.copyOf(events);
    }
}
