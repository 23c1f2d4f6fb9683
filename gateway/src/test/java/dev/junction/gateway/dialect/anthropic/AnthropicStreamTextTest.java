package dev.junction.gateway.dialect.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.dialect.JsonTextTest;
import dev.junction.gateway.dialect.SseFrame;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The frames the stream encoder writes from templates are, to the character, what encoding the
 * same event as a {@code JsonObject} makes: the text a client gets did not change when the
 * templates replaced the trees.
 */
class AnthropicStreamTextTest {

    private static String tree(String event, int index, JsonObject delta) {
        return new JsonObject().put("type", event).put("index", index).put("delta", delta).encode();
    }

    private static List<SseFrame> frames(String event, List<SseFrame> frames) {
        return frames.stream().filter(frame -> frame.event().equals(event)).toList();
    }

    @Test
    void delta_frames_are_the_text_of_their_json_tree_whatever_the_characters() {
        for (String text : JsonTextTest.awkwardTexts()) {
            List<SseFrame> frames = AnthropicStreamEncoderTest.encode(JsonTextTest.turnWith(text));

            assertThat(frames("content_block_delta", frames))
                    .as("deltas of %s", text)
                    .extracting(SseFrame::data)
                    .containsExactly(
                            tree("content_block_delta", 0,
                                    new JsonObject().put("type", "thinking_delta").put("thinking", text)),
                            tree("content_block_delta", 0,
                                    new JsonObject().put("type", "signature_delta").put("signature", text)),
                            tree("content_block_delta", 1,
                                    new JsonObject().put("type", "text_delta").put("text", text)),
                            tree("content_block_delta", 12,
                                    new JsonObject().put("type", "input_json_delta").put("partial_json", text)));
        }
    }

    @Test
    void fixed_frames_are_the_text_of_their_json_tree() {
        List<SseFrame> frames = AnthropicStreamEncoderTest.encode(AnthropicStreamEncoderTest.TWO_TOOL_CALLS);

        assertThat(frames("ping", frames)).containsExactly(new SseFrame("ping", "{\"type\":\"ping\"}"));
        assertThat(frames("content_block_stop", frames))
                .extracting(SseFrame::data)
                .containsExactly(
                        new JsonObject().put("type", "content_block_stop").put("index", 0).encode(),
                        new JsonObject().put("type", "content_block_stop").put("index", 1).encode());
        assertThat(frames("message_stop", frames))
                .containsExactly(new SseFrame("message_stop", "{\"type\":\"message_stop\"}"));
        assertThat(frames.get(frames.size() - 1).wire()).isEqualTo("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
    }
}
