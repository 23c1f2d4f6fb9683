package dev.junction.http;

import dev.junction.plugin.ChatEvent;
import java.util.function.Consumer;

/**
 * Turns one upstream stream of server-sent events into canonical events. Stateful: one per
 * request; called on one thread at a time, in order. The {@link UpstreamClient} drops events after
 * the first terminal one.
 */
public interface SseHandler {

    /** One event of the upstream's stream. Data that does not parse must not throw. */
    void onEvent(SseEvent event, Consumer<ChatEvent> events);

    /**
     * The upstream ended the stream (cleanly or not) before this handler emitted a terminal event.
     *
     * @param clean whether the response completed normally (false: connection reset or cut)
     * @return the terminal event that explains the end
     */
    ChatEvent onEnd(boolean clean);
}
