package dev.junction.http;

import dev.junction.plugin.ChatEvent;
import io.vertx.core.buffer.Buffer;
import java.util.function.Consumer;

/** Server-sent events through an {@link SseParser} into an {@link SseHandler}. */
final class SseReader implements BodyReader {

    private final SseHandler handler;
    private final SseParser parser;
    private Consumer<ChatEvent> events;

    SseReader(SseHandler handler) {
        this.handler = handler;
        this.parser = new SseParser(event -> handler.onEvent(event, events));
    }

    @Override
    public void chunk(Buffer chunk, Consumer<ChatEvent> events) {
        this.events = events;
        parser.feed(chunk);
    }

    @Override
    public ChatEvent end(boolean clean, Consumer<ChatEvent> events) {
        if (clean) {
            this.events = events;
            parser.end();
        }
        return handler.onEnd(clean);
    }
}
