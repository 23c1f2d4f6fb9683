package dev.junction.http;

import dev.junction.plugin.ChatEvent;
import io.vertx.core.buffer.Buffer;
import java.util.function.Consumer;

/**
 * Reads the body of a 2xx answer into events as its chunks arrive: server-sent events decoded by
 * an {@link SseHandler} ({@link #sse}), or a relay's reader that passes the bytes on as they are.
 * Stateful: one per request; called on one thread at a time, in order.
 */
public interface BodyReader {

    /** One chunk of the body, as it came. May throw: the answer then fails as unreadable. */
    void chunk(Buffer chunk, Consumer<ChatEvent> events);

    /**
     * The body ended before this reader emitted a terminal event.
     *
     * @param clean whether the response completed normally (false: connection reset or cut)
     * @param events where what the reader still holds goes
     * @return the terminal event that explains the end
     */
    ChatEvent end(boolean clean, Consumer<ChatEvent> events);

    /** A reader of server-sent events into {@code handler}. */
    static BodyReader sse(SseHandler handler) {
        return new SseReader(handler);
    }
}
