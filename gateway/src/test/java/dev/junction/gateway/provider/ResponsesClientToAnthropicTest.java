package dev.junction.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.openai.core.JsonValue;
import com.openai.core.ObjectMappers;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import dev.junction.gateway.provider.FakeProvider.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The official SDK's Responses client through the gateway to the anthropic plugin and a fake
 * Messages API: a streamed turn with two function calls whose arguments arrive in pieces, then the
 * follow-up that sends the calls back (as the client got them) with their outputs, which reach the
 * upstream as tool uses and tool results under the same ids; and thinking, which the client gets as
 * a reasoning item (its signature as {@code encrypted_content}) and the upstream gets back whole.
 */
class ResponsesClientToAnthropicTest extends WithProviderGateway {

    private static final JsonMapper MAPPER = ObjectMappers.jsonMapper();
    private static final List<Object> TOOLS = List.of(
            Map.of("type", "function", "name", "get_weather", "description", "Current weather", "parameters",
                    Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")), "required", List.of("city"))),
            Map.of("type", "function", "name", "get_time", "parameters",
                    Map.of("type", "object", "properties", Map.of("tz", Map.of("type", "string")), "required", List.of("tz"))),
            Map.of("type", "web_search"));


    private static ResponseCreateParams params(List<Object> input) {
        return ResponseCreateParams.builder()
                .model("claude-sonnet-4-5")
                .instructions("Be brief.")
                .input(JsonValue.from(input))
                .tools(JsonValue.from(TOOLS))
                .build();
    }

    @Test
    void streamed_function_calls_and_their_outputs_keep_the_ids_across_the_round_trip() throws Exception {
        List<Object> input = new ArrayList<>(List.of(Map.of("role", "user", "content", "Weather and time in Paris?")));
        providers.anthropicUpstream.reply(Reply.sse(OpenAiClientToAnthropicTest.TWO_TOOL_USES));
        ResponseAccumulator accumulator = ResponseAccumulator.create();
        try (StreamResponse<ResponseStreamEvent> stream = providers.openAi().responses().createStreaming(params(input))) {
            stream.stream().forEach(accumulator::accumulate);
        }

        Response first = accumulator.response();
        assertThat(first.status()).contains(ResponseStatus.COMPLETED);
        List<ResponseFunctionToolCall> calls = first.output().stream()
                .flatMap(item -> item.functionCall().stream())
                .toList();
        assertThat(calls).extracting(ResponseFunctionToolCall::callId)
                .containsExactly("toolu_01WeatherA1b2C3d4E5f6G7h8", "toolu_02TimeZ9y8X7w6V5u4T3s2R1");
        assertThat(calls).extracting(ResponseFunctionToolCall::name).containsExactly("get_weather", "get_time");
        assertThat(calls).extracting(call -> new JsonObject(call.arguments()))
                .containsExactly(new JsonObject().put("city", "Paris"), new JsonObject().put("tz", "Europe/Paris"));
        var usage = first.usage().orElseThrow();
        assertThat(usage.inputTokens()).as("cached tokens count as input").isEqualTo(170);
        assertThat(usage.inputTokensDetails().cachedTokens()).isEqualTo(100);
        assertThat(usage.outputTokens()).isEqualTo(42);
        JsonObject upstream = providers.anthropicUpstream.only().json();
        assertThat(upstream.getJsonArray("system").getJsonObject(0).getString("text"))
                .as("the instructions, with a prompt-cache breakpoint on them")
                .isEqualTo("Be brief.");
        assertThat(upstream.getJsonArray("tools")).extracting(tool -> ((JsonObject) tool).getString("name"))
                .as("the built-in web_search is left out").containsExactly("get_weather", "get_time");

        // The client sends back what it got, as Codex does, and the outputs of both calls.
        providers.anthropicUpstream.reset();
        providers.anthropicUpstream.reply(Reply.sse(OpenAiClientToAnthropicTest.text("18°C and 14:05 in Paris.")));
        for (ResponseOutputItem item : first.output()) {
            input.add(new JsonObject(MAPPER.writeValueAsString(item)).getMap());
        }
        input.add(Map.of("type", "function_call_output", "call_id", calls.get(0).callId(), "output", "18°C"));
        input.add(Map.of("type", "function_call_output", "call_id", calls.get(1).callId(), "output", "14:05"));
        Response second = providers.openAi().responses().create(params(input));

        assertThat(second.output().get(0).message().orElseThrow().content().get(0).outputText().orElseThrow().text())
                .isEqualTo("18°C and 14:05 in Paris.");
        JsonArray messages = providers.anthropicUpstream.only().json().getJsonArray("messages");
        assertThat(messages).as("ids kept; the prompt-cache breakpoints on the last two user turns").isEqualTo(new JsonArray("""
                [{"role": "user", "content": [{"type": "text", "text": "Weather and time in Paris?",
                   "cache_control": {"type": "ephemeral"}}]},
                 {"role": "assistant", "content": [
                   {"type": "text", "text": "Checking both."},
                   {"type": "tool_use", "id": "toolu_01WeatherA1b2C3d4E5f6G7h8", "name": "get_weather", "input": {"city": "Paris"}},
                   {"type": "tool_use", "id": "toolu_02TimeZ9y8X7w6V5u4T3s2R1", "name": "get_time", "input": {"tz": "Europe/Paris"}}]},
                 {"role": "user", "content": [
                   {"type": "tool_result", "tool_use_id": "toolu_01WeatherA1b2C3d4E5f6G7h8", "content": [{"type": "text", "text": "18°C"}]},
                   {"type": "tool_result", "tool_use_id": "toolu_02TimeZ9y8X7w6V5u4T3s2R1", "content": [{"type": "text", "text": "14:05"}],
                    "cache_control": {"type": "ephemeral"}}]}]"""));
    }

    @Test
    void thinking_comes_back_as_reasoning_with_its_signature_as_encrypted_content_and_returns_to_the_upstream() throws Exception {
        providers.anthropicUpstream.reply(Reply.sse(List.of(
                Sse.event("message_start", """
                    {"type":"message_start","message":{"id":"msg_03","type":"message","role":"assistant",
                     "model":"claude-sonnet-4-5","content":[],"stop_reason":null,"stop_sequence":null,
                     "usage":{"input_tokens":20,"output_tokens":1}}}"""),
                Sse.event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}}"),
                Sse.event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"9.9 > 9.11\"}}"),
                Sse.event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"EqQBsig\"}}"),
                Sse.event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"),
                Sse.event("content_block_start", "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"),
                Sse.event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"text_delta\",\"text\":\"9.9\"}}"),
                Sse.event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":1}"),
                Sse.event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":9}}"),
                Sse.event("message_stop", "{\"type\":\"message_stop\"}"))));
        List<Object> input = new ArrayList<>(List.of(Map.of("role", "user", "content", "Which is bigger, 9.9 or 9.11?")));
        ResponseCreateParams first = ResponseCreateParams.builder()
                .model("claude-sonnet-4-5")
                .input(JsonValue.from(input))
                .putAdditionalBodyProperty("include", JsonValue.from(List.of("reasoning.encrypted_content")))
                .build();
        ResponseAccumulator accumulator = ResponseAccumulator.create();
        try (StreamResponse<ResponseStreamEvent> stream = providers.openAi().responses().createStreaming(first)) {
            stream.stream().forEach(accumulator::accumulate);
        }

        Response answer = accumulator.response();
        var reasoning = answer.output().get(0).reasoning().orElseThrow();
        assertThat(reasoning.summary()).extracting(summary -> summary.text()).containsExactly("9.9 > 9.11");
        assertThat(reasoning.encryptedContent()).contains("EqQBsig");

        providers.anthropicUpstream.reset();
        providers.anthropicUpstream.reply(Reply.sse(OpenAiClientToAnthropicTest.text("Yes.")));
        for (ResponseOutputItem item : answer.output()) {
            input.add(new JsonObject(MAPPER.writeValueAsString(item)).getMap());
        }
        input.add(Map.of("role", "user", "content", "Sure?"));
        providers.openAi().responses().create(first.toBuilder().input(JsonValue.from(input)).build());

        assertThat(providers.anthropicUpstream.only().json().getJsonArray("messages").getJsonObject(1)).isEqualTo(new JsonObject("""
                {"role": "assistant", "content": [
                  {"type": "thinking", "thinking": "9.9 > 9.11", "signature": "EqQBsig"},
                  {"type": "text", "text": "9.9"}]}"""));
    }
}
