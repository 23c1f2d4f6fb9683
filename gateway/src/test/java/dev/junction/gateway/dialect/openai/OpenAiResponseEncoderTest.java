package dev.junction.gateway.dialect.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.dialect.ChatResult;
import dev.junction.gateway.dialect.DecodedRequest;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ContentPart;
import dev.junction.plugin.FinishReason;
import dev.junction.plugin.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiResponseEncoderTest {

    static final DecodedRequest REQUEST = new DecodedRequest(
            ChatRequest.builder("gpt-test")
                    .messages(List.of(Message.text(Message.Role.USER, "hi")))
                    .build(),
            false,
            false);

    private final OpenAiDialect dialect = new OpenAiDialect();

    private static ChatResult result(List<ContentPart> content, FinishReason reason, ChatEvent.Usage usage) {
        return new ChatResult("chatcmpl-1", "gpt-test", content, reason, null, usage);
    }

    private JsonObject message(JsonObject completion) {
        return completion.getJsonArray("choices").getJsonObject(0).getJsonObject("message");
    }

    @Test
    void encodes_a_text_answer_as_a_chat_completion() {
        JsonObject completion = dialect.encodeResponse(
                result(
                        List.of(new ContentPart.Text("Hello, "), new ContentPart.Text("world")),
                        FinishReason.END_TURN,
                        ChatEvent.Usage.of(5, 2)),
                REQUEST);

        assertThat(completion.getString("id")).isEqualTo("chatcmpl-1");
        assertThat(completion.getString("object")).isEqualTo("chat.completion");
        assertThat(completion.getLong("created")).isPositive();
        assertThat(completion.getString("model")).isEqualTo("gpt-test");
        JsonObject choice = completion.getJsonArray("choices").getJsonObject(0);
        assertThat(choice.getInteger("index")).isZero();
        assertThat(choice.containsKey("logprobs")).isTrue();
        assertThat(choice.getValue("logprobs")).isNull();
        assertThat(choice.getString("finish_reason")).isEqualTo("stop");
        assertThat(choice.getJsonObject("message"))
                .isEqualTo(new JsonObject()
                        .put("role", "assistant")
                        .put("content", "Hello, world")
                        .put("refusal", null));
    }

    @Test
    void makes_a_chatcmpl_id_when_the_backend_gave_none() {
        ChatResult result = new ChatResult(null, "gpt-test", List.of(), FinishReason.END_TURN, null, null);

        assertThat(dialect.encodeResponse(result, REQUEST).getString("id")).matches("chatcmpl-[0-9a-f]{32}");
    }

    @Test
    void encodes_tool_calls_with_null_content_and_ids_unchanged() {
        JsonObject completion = dialect.encodeResponse(
                result(
                        List.of(
                                new ContentPart.ToolCall("toolu_01", "get_weather", "{\"city\":\"Paris\"}"),
                                new ContentPart.ToolCall("call_2", "get_time", "{}")),
                        FinishReason.TOOL_USE,
                        ChatEvent.Usage.of(5, 2)),
                REQUEST);

        JsonObject message = message(completion);
        assertThat(message.containsKey("content")).isTrue();
        assertThat(message.getValue("content")).isNull();
        assertThat(message.getJsonArray("tool_calls"))
                .isEqualTo(new JsonArray()
                        .add(new JsonObject()
                                .put("id", "toolu_01")
                                .put("type", "function")
                                .put(
                                        "function",
                                        new JsonObject()
                                                .put("name", "get_weather")
                                                .put("arguments", "{\"city\":\"Paris\"}")))
                        .add(new JsonObject()
                                .put("id", "call_2")
                                .put("type", "function")
                                .put(
                                        "function",
                                        new JsonObject().put("name", "get_time").put("arguments", "{}"))));
        assertThat(completion.getJsonArray("choices").getJsonObject(0).getString("finish_reason"))
                .isEqualTo("tool_calls");
    }

    @Test
    void puts_thinking_text_in_reasoning_content_only_when_present() {
        JsonObject withThinking = dialect.encodeResponse(
                result(
                        List.of(new ContentPart.Thinking("Let me think.", "sig"), new ContentPart.Text("42")),
                        FinishReason.END_TURN,
                        ChatEvent.Usage.of(1, 1)),
                REQUEST);
        JsonObject withoutThinking = dialect.encodeResponse(
                result(List.of(new ContentPart.Text("42")), FinishReason.END_TURN, ChatEvent.Usage.of(1, 1)), REQUEST);

        assertThat(message(withThinking).getString("reasoning_content")).isEqualTo("Let me think.");
        assertThat(message(withThinking).getString("content")).isEqualTo("42");
        assertThat(message(withoutThinking).containsKey("reasoning_content")).isFalse();
    }

    @Test
    void counts_cached_tokens_inside_prompt_tokens() {
        JsonObject completion = dialect.encodeResponse(
                result(List.of(new ContentPart.Text("ok")), FinishReason.END_TURN, new ChatEvent.Usage(10, 7, 100, 20, 0)),
                REQUEST);

        assertThat(completion.getJsonObject("usage"))
                .isEqualTo(new JsonObject()
                        .put("prompt_tokens", 130)
                        .put("completion_tokens", 7)
                        .put("total_tokens", 137)
                        .put("prompt_tokens_details", new JsonObject().put("cached_tokens", 100))
                        .put("completion_tokens_details", new JsonObject().put("reasoning_tokens", 0)));
    }

    @ParameterizedTest
    @CsvSource({"END_TURN, stop", "STOP_SEQUENCE, stop", "MAX_TOKENS, length", "TOOL_USE, tool_calls"})
    void maps_each_finish_reason(FinishReason reason, String expected) {
        JsonObject completion =
                dialect.encodeResponse(result(List.of(new ContentPart.Text("x")), reason, null), REQUEST);

        assertThat(completion.getJsonArray("choices").getJsonObject(0).getString("finish_reason"))
                .isEqualTo(expected);
    }
}
