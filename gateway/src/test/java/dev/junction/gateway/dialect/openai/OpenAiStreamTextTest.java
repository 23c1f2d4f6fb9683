package dev.junction.gateway.dialect.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.dialect.JsonTextTest;
import dev.junction.gateway.dialect.SseFrame;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The chunks the stream encoder writes from templates are, to the character, what encoding the
 * same chunk as a {@code JsonObject} makes: the text a client gets did not change when the
 * templates replaced the trees.
 */
class OpenAiStreamTextTest {

    private static String tree(long created, boolean includeUsage, JsonObject delta, String finishReason) {
        JsonObject choice = new JsonObject()
                .put("index", 0)
                .put("delta", delta)
                .put("logprobs", null)
                .put("finish_reason", finishReason);
        JsonObject chunk = new JsonObject()
                .put("id", "id_t\"1")
                .put("object", "chat.completion.chunk")
                .put("created", created)
                .put("model", "model-tést")
                .put("choices", new JsonArray().add(choice));
        return (includeUsage ? chunk.put("usage", null) : chunk).encode();
    }

    private static JsonObject toolCalls(JsonObject call) {
        return new JsonObject().put("tool_calls", new JsonArray().add(call));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void chunks_are_the_text_of_their_json_tree_whatever_the_characters(boolean includeUsage) {
        for (String text : JsonTextTest.awkwardTexts()) {
            List<SseFrame> frames = OpenAiStreamEncoderTest.encode(includeUsage, JsonTextTest.turnWith(text));
            long created = new JsonObject(frames.get(0).data()).getLong("created");

            List<String> expected = new ArrayList<>(List.of(
                    tree(created, includeUsage, new JsonObject().put("role", "assistant").put("content", ""), null),
                    tree(created, includeUsage, new JsonObject().put("reasoning_content", text), null),
                    tree(created, includeUsage, new JsonObject().put("content", text), null),
                    tree(created, includeUsage, toolCalls(new JsonObject()
                            .put("id", "call_1")
                            .put("type", "function")
                            .put("function", new JsonObject().put("name", "f").put("arguments", ""))
                            .put("index", 0)), null),
                    tree(created, includeUsage, toolCalls(new JsonObject()
                            .put("index", 0)
                            .put("function", new JsonObject().put("arguments", text))), null),
                    tree(created, includeUsage, new JsonObject(), "length")));
            if (text.isEmpty()) { // an empty text or arguments delta writes no chunk
                expected.remove(4);
                expected.remove(2);
            }
            assertThat(frames.subList(0, expected.size()))
                    .as("chunks of %s", text)
                    .allSatisfy(frame -> assertThat(frame.event()).isNull())
                    .extracting(SseFrame::data)
                    .containsExactlyElementsOf(expected);
            assertThat(frames.get(frames.size() - 1).wire()).isEqualTo("data: [DONE]\n\n");
        }
    }
}
