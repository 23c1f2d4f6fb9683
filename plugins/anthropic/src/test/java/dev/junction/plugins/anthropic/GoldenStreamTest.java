package dev.junction.plugins.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.http.SseEvent;
import dev.junction.plugin.ChatEvent;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each {@code golden/streams/<name>.sse} is a Messages API stream as the upstream writes it (with
 * its {@code ping} events and uneven spacing); {@code <name>.events.jsonl} is exactly the canonical
 * events it must give, one per line ({@link EventJson}). As {@link dev.junction.http.UpstreamClient}
 * does, events after the first terminal one are dropped, and a stream without one ends with
 * {@link MessagesStream#onEnd}.
 */
class GoldenStreamTest {

    static final String BACKEND = "claude-api";

    static List<Path> transcripts() {
        return Golden.files("streams", ".sse");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transcripts")
    void decodes_the_recorded_stream_to_exactly_the_recorded_events(Path transcript) {
        List<ChatEvent> events = decode(Golden.read(transcript));

        String name = transcript.getFileName().toString().replaceFirst("\\.sse$", "");
        List<JsonObject> expected = Golden.read(transcript.resolveSibling(name + ".events.jsonl"))
                .lines()
                .filter(line -> !line.isBlank())
                .map(JsonObject::new)
                .toList();
        assertThat(events.stream().map(EventJson::of).map(Golden::normalized).toList())
                .containsExactlyElementsOf(expected);
        Grammar.assertWellFormed(events);
    }

    static List<ChatEvent> decode(String transcript) {
        MessagesStream stream = new MessagesStream(BACKEND);
        List<ChatEvent> events = new ArrayList<>();
        for (SseEvent event : SseTranscript.parse(transcript)) {
            stream.onEvent(event, events::add);
            if (!events.isEmpty() && events.get(events.size() - 1).terminal()) {
                return events;
            }
        }
        events.add(stream.onEnd(true));
        return events;
    }
}
