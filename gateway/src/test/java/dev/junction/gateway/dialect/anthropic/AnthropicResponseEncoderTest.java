package dev.junction.gateway.dialect.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.core.JsonValue;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.StopReason;
import dev.junction.gateway.dialect.ChatResult;
import dev.junction.gateway.dialect.DecodedRequest;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ContentPart;
import dev.junction.plugin.FinishReason;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicResponseEncoderTest {

    private final AnthropicDialect dialect = new AnthropicDialect();
    private final DecodedRequest request = dialect.decode(AnthropicRequestDecoderTest.minimal());

    private static ChatResult result(List<ContentPart> content, FinishReason reason) {
        return new ChatResult("msg_01", "claude-sonnet-4-5", content, reason, null, ChatEvent.Usage.of(12, 34));
    }

    private JsonObject encode(ChatResult result) {
        return dialect.encodeResponse(result, request);
    }

    @Test
    void encodes_a_text_answer_as_a_message() {
        JsonObject body = encode(result(List.of(new ContentPart.Text("Hello!")), FinishReason.END_TURN));

        assertThat(body).isEqualTo(new JsonObject("""
            {"id": "msg_01", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5",
             "content": [{"type": "text", "text": "Hello!"}],
             "stop_reason": "end_turn", "stop_sequence": null,
             "usage": {"input_tokens": 12, "output_tokens": 34,
                       "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0}}\
            """));
    }

    @Test
    void makes_a_message_id_when_the_backend_gave_none() {
        ChatResult anonymous =
                new ChatResult(null, "m", List.of(), FinishReason.END_TURN, null, ChatEvent.Usage.of(0, 0));

        assertThat(encode(anonymous).getString("id")).matches("msg_[0-9A-Za-z]{24}");
    }

    @Test
    void reports_the_requested_model_when_the_result_names_none() {
        ChatResult unnamed =
                new ChatResult("msg_1", null, List.of(), FinishReason.END_TURN, null, ChatEvent.Usage.of(0, 0));

        assertThat(encode(unnamed).getString("model")).isEqualTo("claude-sonnet-4-5");
    }

    @Test
    void encodes_a_tool_call_with_its_arguments_parsed_into_input() {
        ContentPart call = new ContentPart.ToolCall("toolu_01A", "get_weather", "{\"city\":\"Paris\",\"days\":[1,2]}");

        JsonObject block = encode(result(List.of(call), FinishReason.TOOL_USE))
                .getJsonArray("content")
                .getJsonObject(0);

        assertThat(block).isEqualTo(new JsonObject("""
            {"type": "tool_use", "id": "toolu_01A", "name": "get_weather",
             "input": {"city": "Paris", "days": [1, 2]}, "caller": {"type": "direct"}}\
            """));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"{\"city\": ", "[1, 2]", "\"text\"", "null"})
    void sends_an_empty_input_when_the_arguments_are_not_a_json_object(String arguments) {
        ContentPart call = new ContentPart.ToolCall("toolu_01A", "get_weather", arguments);

        JsonObject block = encode(result(List.of(call), FinishReason.TOOL_USE))
                .getJsonArray("content")
                .getJsonObject(0);

        assertThat(block.getJsonObject("input")).isEqualTo(new JsonObject());
    }

    @Test
    void encodes_thinking_with_its_signature_and_an_empty_one_when_missing() {
        List<ContentPart> content =
                List.of(new ContentPart.Thinking("Hmm.", "EqQBCgIYAhIM"), new ContentPart.Thinking("Unsigned.", null));

        JsonObject body = encode(result(content, FinishReason.END_TURN));

        assertThat(body.getJsonArray("content")).isEqualTo(new JsonArray("""
            [{"type": "thinking", "thinking": "Hmm.", "signature": "EqQBCgIYAhIM"},
             {"type": "thinking", "thinking": "Unsigned.", "signature": ""}]\
            """));
    }

    @Test
    void reports_cache_tokens_apart_from_input_tokens() {
        ChatResult cached = new ChatResult(
                "msg_1", "m", List.of(), FinishReason.END_TURN, null, new ChatEvent.Usage(10, 20, 300, 4000, 0));

        assertThat(encode(cached).getJsonObject("usage")).isEqualTo(new JsonObject("""
            {"input_tokens": 10, "output_tokens": 20,
             "cache_creation_input_tokens": 4000, "cache_read_input_tokens": 300}\
            """));
    }

    @ParameterizedTest
    @CsvSource({"END_TURN, end_turn", "MAX_TOKENS, max_tokens", "STOP_SEQUENCE, stop_sequence", "TOOL_USE, tool_use"})
    void maps_the_finish_reason_to_stop_reason(FinishReason reason, String stopReason) {
        assertThat(encode(result(List.of(), reason)).getString("stop_reason")).isEqualTo(stopReason);
    }

    @Test
    void reports_the_stop_sequence_that_ended_the_answer() {
        ChatResult stopped = new ChatResult(
                "msg_1",
                "m",
                List.of(new ContentPart.Text("1, 2")),
                FinishReason.STOP_SEQUENCE,
                "3",
                ChatEvent.Usage.of(1, 2));

        JsonObject body = encode(stopped);

        assertThat(body.getString("stop_reason")).isEqualTo("stop_sequence");
        assertThat(body.getString("stop_sequence")).isEqualTo("3");
    }

    @Test
    void the_sdk_reads_an_answer_with_every_block_kind() {
        List<ContentPart> content = List.of(
                new ContentPart.Thinking("Plan.", "sig"),
                new ContentPart.RedactedThinking("EmwKAhgB"),
                new ContentPart.Text("Let me check."),
                new ContentPart.ToolCall("toolu_01A", "get_weather", "{\"city\":\"Paris\"}"));
        ChatResult answer = new ChatResult(
                "msg_01", "claude-sonnet-4-5", content, FinishReason.TOOL_USE, null, new ChatEvent.Usage(5, 6, 7, 8, 0));

        Message message = Sdk.read(encode(answer).encode(), Message.class).validate();

        assertThat(message.id()).isEqualTo("msg_01");
        assertThat(message.model().asString()).isEqualTo("claude-sonnet-4-5");
        assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
        assertThat(message.usage().inputTokens()).isEqualTo(5);
        assertThat(message.usage().outputTokens()).isEqualTo(6);
        assertThat(message.usage().cacheReadInputTokens()).contains(7L);
        assertThat(message.usage().cacheCreationInputTokens()).contains(8L);
        List<ContentBlock> blocks = message.content();
        assertThat(blocks.get(0).asThinking().signature()).isEqualTo("sig");
        assertThat(blocks.get(1).asRedactedThinking().data()).isEqualTo("EmwKAhgB");
        assertThat(blocks.get(2).asText().text()).isEqualTo("Let me check.");
        assertThat(blocks.get(3).asToolUse().id()).isEqualTo("toolu_01A");
        assertThat(blocks.get(3).asToolUse().caller().isDirect()).isTrue();
        assertThat(blocks.get(3).asToolUse()._input()).isEqualTo(JsonValue.from(Map.of("city", "Paris")));
    }

    @Test
    void the_sdk_reads_a_refusal() {
        Message message = Sdk.read(
                        encode(result(List.of(new ContentPart.Text("I can't help with that.")), FinishReason.REFUSAL)).encode(),
                        Message.class)
                .validate();

        assertThat(message.stopReason()).contains(StopReason.REFUSAL);
    }
}
