package dev.junction.gateway.dialect;

import dev.junction.plugin.ChatEvent;
import java.util.List;

/**
 * Turns the events of one answer into this dialect's server-sent events. Stateful: one encoder per
 * stream, fed from one thread at a time. After the terminal event
 * ({@link ChatEvent.Finish} or {@link ChatEvent.Failed}) the stream is complete.
 */
public interface StreamEncoder {

    /** The frames for {@code event}, possibly none. */
    List<SseFrame> encode(ChatEvent event);
}
