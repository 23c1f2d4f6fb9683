package dev.junction.gateway.dialect.responses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.dialect.JsonTextTest;
import dev.junction.gateway.dialect.SseFrame;
import dev.junction.gateway.dialect.StreamEncoder;
import dev.junction.plugin.ChatEvent;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each event's text is what encoding its tree makes (parsed and encoded again, it is unchanged),
 * with {@code type} and {@code sequence_number} first: writing them before the fields' own text
 * changed no character a client gets.
 */
class ResponsesStreamTextTest {

    private static final ResponsesDialect DIALECT = new ResponsesDialect();

    @Test
    void every_event_is_the_text_of_its_tree_whatever_the_characters() {
        for (String text : JsonTextTest.awkwardTexts()) {
            StreamEncoder encoder =
                    DIALECT.streamEncoder(DIALECT.decode(new JsonObject("{\"model\": \"m\", \"input\": \"go\"}")));
            List<SseFrame> frames = new ArrayList<>();
            for (ChatEvent event : JsonTextTest.turnWith(text)) {
                frames.addAll(encoder.encode(event));
            }

            for (int i = 0; i < frames.size(); i++) {
                SseFrame frame = frames.get(i);
                JsonObject data = new JsonObject(frame.data());
                assertThat(data.encode()).as("event %s of %s", i, text).isEqualTo(frame.data());
                assertThat(data.fieldNames()).as("event %s of %s", i, text).startsWith("type", "sequence_number");
                assertThat(data.getString("type")).isEqualTo(frame.event());
                assertThat(data.getInteger("sequence_number")).isEqualTo(i);
            }
            assertThat(frames)
                    .filteredOn(frame -> frame.event().endsWith(".delta"))
                    .extracting(frame -> new JsonObject(frame.data()).getString("delta"))
                    .as("deltas of %s (an empty one writes none)", text)
                    .isEqualTo(text.isEmpty() ? List.of() : List.of(text, text, text));
        }
    }
}
