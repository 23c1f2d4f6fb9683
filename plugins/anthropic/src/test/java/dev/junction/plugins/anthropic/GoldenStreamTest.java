package dev.junction.plugins.anthropic;

import dev.junction.http.TranscriptReplay;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.testkit.Golden;
import dev.junction.plugin.testkit.StreamGrammar;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each {@code golden/streams/<name>.sse} is a Messages API stream as the upstream writes it (with
 * its {@code ping} events and uneven spacing); {@code <name>.events.json} is exactly the canonical
 * events it must give ({@link Golden#assertEvents}). As {@link dev.junction.http.UpstreamClient}
 * does, events after the first terminal one are dropped, and a stream without one ends with
 * {@link MessagesStream#onEnd}.
 */
class GoldenStreamTest {

    static final String BACKEND = "claude-api";

    static List<String> transcripts() {
        return Golden.names("streams", ".sse");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transcripts")
    void decodes_the_recorded_stream_to_exactly_the_recorded_events(String transcript) {
        List<ChatEvent> events = decode(Golden.text("streams/" + transcript));

        Golden.assertEvents("streams/" + transcript.replaceFirst("\\.sse$", ".events.json"), events);
        StreamGrammar.assertValid(events);
    }

    static List<ChatEvent> decode(String transcript) {
        return TranscriptReplay.decode(transcript, new MessagesStream(BACKEND));
    }
}
