package dev.junction.http;

import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.FinishReason;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A minimal provider translation for tests: each event's data is a text delta, {@code [DONE]} ends
 * the answer, and an end without it fails with {@code clean=<clean>}.
 */
class TextHandler implements SseHandler {

    final List<SseEvent> seen = new CopyOnWriteArrayList<>();
    final List<Boolean> ends = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(SseEvent event, Consumer<ChatEvent> events) {
        seen.add(event);
        if ("[DONE]".equals(event.data())) {
            events.accept(ChatEvent.Finish.of(FinishReason.END_TURN));
        } else {
            events.accept(new ChatEvent.TextDelta(0, event.data()));
        }
    }

    @Override
    public ChatEvent onEnd(boolean clean) {
        ends.add(clean);
        return ChatEvent.Failed.of(ErrorKind.UPSTREAM, "ended clean=" + clean);
    }
}
