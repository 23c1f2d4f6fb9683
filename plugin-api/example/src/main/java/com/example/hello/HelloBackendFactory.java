package com.example.hello;

import dev.junction.plugin.Backend;
import dev.junction.plugin.BackendContext;
import dev.junction.plugin.BackendException;
import dev.junction.plugin.BackendFactory;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ChatSink;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.FinishReason;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.pf4j.Extension;

/** A backend that greets the last user message, one word every {@code options.delayMillis}. */
@Extension
public final class HelloBackendFactory implements BackendFactory {

    @Override
    public Backend create(BackendContext context) {
        if (!(context.options().getValue("delayMillis", 20) instanceof Integer delay) || delay < 1) {
            throw new BackendException(ErrorKind.INVALID_REQUEST, "options.delayMillis must be a positive integer");
        }
        return new Hello(context.vertx(), delay);
    }

    private record Hello(Vertx vertx, long delayMillis) implements Backend {

        @Override
        public boolean blocking() {
            return false; // chat returns at once; the words go out from timers on the event loop
        }

        @Override
        public void chat(ChatRequest request, ChatSink sink) {
            String said = request.messages().get(request.messages().size() - 1).text();
            Deque<String> words = new ArrayDeque<>(List.of(("Hello, " + said + "!").split(" ")));
            sink.emit(new ChatEvent.MessageStart(null, request.model()));
            sink.emit(ChatEvent.BlockStart.text(0));
            long timer = vertx.setPeriodic(delayMillis, tick -> {
                if (!sink.ready()) {
                    return; // the client is slow: try again on the next tick
                }
                String word = words.poll();
                sink.emit(new ChatEvent.TextDelta(0, words.isEmpty() ? word : word + " "));
                if (words.isEmpty()) {
                    vertx.cancelTimer(tick);
                    sink.emit(new ChatEvent.BlockStop(0));
                    sink.emit(ChatEvent.Finish.of(FinishReason.END_TURN));
                }
            });
            sink.onCancel(() -> vertx.cancelTimer(timer));
        }
    }
}
