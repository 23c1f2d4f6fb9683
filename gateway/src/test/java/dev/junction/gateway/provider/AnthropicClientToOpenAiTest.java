package dev.junction.gateway.provider;

import static dev.junction.gateway.provider.Sse.chunk;
import static dev.junction.gateway.provider.Sse.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.OverloadedException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import dev.junction.gateway.provider.FakeProvider.Received;
import dev.junction.gateway.provider.FakeProvider.Reply;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The official Anthropic SDK through the gateway to the openai plugin, whose upstream is a fake
 * Chat Completions API that checks every request it receives: a streamed turn with two tool calls
 * whose argument pieces arrive interleaved, the results sent back under the same ids, cache usage in
 * Anthropic's convention, and upstream failures as the SDK sees them.
 */
@Timeout(60)
class AnthropicClientToOpenAiTest extends WithProviderGateway {

    private static FakeProvider upstream() {
        return providers.openAiUpstream;
    }

    static Tool tool(String name, String description, String parameter) {
        Tool.Builder tool = Tool.builder()
                .name(name)
                .inputSchema(Tool.InputSchema.builder()
                        .properties(JsonValue.from(Map.of(parameter, Map.of("type", "string"))))
                        .required(List.of(parameter))
                        .build());
        return description == null ? tool.build() : tool.description(description).build();
    }

    /** A Chat Completions stream whose two calls' argument pieces interleave, as some servers send them. */
    static final List<String> INTERLEAVED_TOOL_CALLS = List.of(
            chunk("chatcmpl-C1", """
                {"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_W3ather9f3Kx","type":"function",
                 "function":{"name":"get_weather","arguments":""}}],"refusal":null}""", null),
            chunk("chatcmpl-C1", """
                {"tool_calls":[{"index":1,"id":"call_T1me7Qp2","type":"function","function":{"name":"get_time","arguments":""}}]}""", null),
            chunk("chatcmpl-C1", "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\"}}]}", null),
            chunk("chatcmpl-C1", "{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"{\\\"tz\\\":\\\"Europe/\"}}]}", null),
            chunk("chatcmpl-C1", "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"Paris\\\"}\"}}]}", null),
            chunk("chatcmpl-C1", "{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"Paris\\\"}\"}}]}", null),
            chunk("chatcmpl-C1", "{}", "tool_calls"),
            data("""
                {"id":"chatcmpl-C1","object":"chat.completion.chunk","created":1767225600,"model":"gpt-4o-2024-08-06",
                 "choices":[],"usage":{"prompt_tokens":100,"completion_tokens":20,"total_tokens":120,
                 "prompt_tokens_details":{"cached_tokens":60,"audio_tokens":0},
                 "completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0}}}"""),
            data("[DONE]"));

    static List<String> text(String text) {
        return List.of(
                chunk("chatcmpl-C2", "{\"role\":\"assistant\",\"content\":\"\"}", null),
                chunk("chatcmpl-C2", new JsonObject().put("content", text).encode(), null),
                chunk("chatcmpl-C2", "{}", "stop"),
                data("""
                    {"id":"chatcmpl-C2","object":"chat.completion.chunk","created":1767225601,"model":"gpt-4o-2024-08-06",
                     "choices":[],"usage":{"prompt_tokens":150,"completion_tokens":9,"total_tokens":159}}"""),
                data("[DONE]"));
    }

    /** The non-streamed answer of {@link #text}. */
    static JsonObject completion(String text) {
        return new JsonObject()
                .put("id", "chatcmpl-C2")
                .put("object", "chat.completion")
                .put("created", 1767225601)
                .put("model", "gpt-4o-2024-08-06")
                .put("choices", new io.vertx.core.json.JsonArray().add(new JsonObject()
                        .put("index", 0)
                        .put("message", new JsonObject().put("role", "assistant").put("content", text).putNull("refusal"))
                        .putNull("logprobs")
                        .put("finish_reason", "stop")))
                .put("usage", new JsonObject().put("prompt_tokens", 150).put("completion_tokens", 9).put("total_tokens", 159));
    }

    private static MessageCreateParams.Builder firstTurn() {
        return MessageCreateParams.builder()
                .model("gpt-4o")
                .maxTokens(300)
                .system("Be brief.")
                .addUserMessage("Weather and time in Paris?")
                .addTool(tool("get_weather", "Current weather", "city"))
                .addTool(tool("get_time", null, "tz"));
    }

    @Test
    void a_tool_call_round_trip_keeps_the_ids_and_reassembles_interleaved_arguments() {
        upstream().reply(Reply.sse(INTERLEAVED_TOOL_CALLS));
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = providers.anthropic().messages().createStreaming(
                firstTurn().putAdditionalHeader("anthropic-beta", "fine-grained-tool-streaming-2025-05-14").build())) {
            stream.stream().forEach(accumulator::accumulate);
        }

        Message first = accumulator.message();
        List<ToolUseBlock> calls = first.content().stream().filter(b -> b.isToolUse()).map(b -> b.asToolUse()).toList();
        assertThat(calls).extracting(ToolUseBlock::id).containsExactly("call_W3ather9f3Kx", "call_T1me7Qp2");
        assertThat(calls).extracting(ToolUseBlock::name).containsExactly("get_weather", "get_time");
        assertThat(calls).extracting(ToolUseBlock::_input)
                .containsExactly(JsonValue.from(Map.of("city", "Paris")), JsonValue.from(Map.of("tz", "Europe/Paris")));
        assertThat(first.stopReason()).contains(StopReason.TOOL_USE);
        assertThat(first.usage().inputTokens()).as("Anthropic counts cached tokens apart").isEqualTo(40);
        assertThat(first.usage().cacheReadInputTokens()).contains(60L);
        assertThat(first.usage().outputTokens()).isEqualTo(20);

        Received call = upstream().only();
        assertThat(call.method() + " " + call.path()).isEqualTo("POST /v1/chat/completions");
        assertThat(call.headers()).containsEntry("authorization", "Bearer " + ProviderGateway.OPENAI_KEY)
                .doesNotContainKey("anthropic-beta")
                .doesNotContainKey("x-api-key");
        assertThat(call.json()).isEqualTo(new JsonObject("""
                {"model": "gpt-4o", "max_tokens": 300, "stream": true, "stream_options": {"include_usage": true},
                 "messages": [{"role": "system", "content": "Be brief."},
                              {"role": "user", "content": "Weather and time in Paris?"}],
                 "tools": [
                   {"type": "function", "function": {"name": "get_weather", "description": "Current weather",
                    "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}},
                   {"type": "function", "function": {"name": "get_time",
                    "parameters": {"type": "object", "properties": {"tz": {"type": "string"}}, "required": ["tz"]}}}]}"""));

        // The client runs the tools and sends their results back under the same ids.
        upstream().reset();
        upstream().reply(Reply.json(200, completion("18°C and 14:05 in Paris.")));
        Message second = providers.anthropic().messages().create(firstTurn()
                .addMessage(first)
                .addUserMessageOfContentBlockParams(List.of(
                        ContentBlockParam.ofToolResult(
                                ToolResultBlockParam.builder().toolUseId(calls.get(0).id()).content("18°C").build()),
                        ContentBlockParam.ofToolResult(
                                ToolResultBlockParam.builder().toolUseId(calls.get(1).id()).content("14:05").build())))
                .build());

        assertThat(second.content().get(0).asText().text()).isEqualTo("18°C and 14:05 in Paris.");
        assertThat(upstream().only().json().getBoolean("stream")).as("a whole answer is asked for whole").isFalse();
        assertThat(upstream().only().json().containsKey("stream_options")).isFalse();
        assertThat(second.stopReason()).contains(StopReason.END_TURN);
        assertThat(upstream().only().json().getJsonArray("messages")).isEqualTo(new JsonObject("""
                {"messages": [
                  {"role": "system", "content": "Be brief."},
                  {"role": "user", "content": "Weather and time in Paris?"},
                  {"role": "assistant", "content": null, "tool_calls": [
                    {"id": "call_W3ather9f3Kx", "type": "function", "function": {"name": "get_weather", "arguments": "{\\"city\\":\\"Paris\\"}"}},
                    {"id": "call_T1me7Qp2", "type": "function", "function": {"name": "get_time", "arguments": "{\\"tz\\":\\"Europe/Paris\\"}"}}]},
                  {"role": "tool", "tool_call_id": "call_W3ather9f3Kx", "content": "18°C"},
                  {"role": "tool", "tool_call_id": "call_T1me7Qp2", "content": "14:05"}]}""")
                .getJsonArray("messages"));
    }

    @Test
    void the_upstream_refusing_the_gateways_key_is_a_502_naming_the_backend() {
        upstream().reply(Reply.json(401, new JsonObject("""
                {"error": {"message": "Incorrect API key provided: sk-test-****enai.", "type": "invalid_request_error",
                 "param": null, "code": "invalid_api_key"}}""")));

        assertThatThrownBy(() -> providers.anthropic().messages().create(firstTurn().build()))
                .isInstanceOfSatisfying(AnthropicServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(502);
                    assertThat(e.getMessage()).contains("'openai'");
                });
    }

    @Test
    void an_upstream_rate_limit_is_a_rate_limit_with_its_retry_after() {
        upstream().reply(Reply.json(429, new JsonObject("""
                {"error": {"message": "Rate limit reached for gpt-4o", "type": "requests", "param": null,
                 "code": "rate_limit_exceeded"}}"""), "retry-after", "12"));

        assertThatThrownBy(() -> providers.anthropic().messages().create(firstTurn().build()))
                .isInstanceOfSatisfying(RateLimitException.class, e ->
                        assertThat(e.headers().values("Retry-After")).containsExactly("12"));
    }

    @Test
    void an_overloaded_upstream_is_529_for_anthropic_callers() {
        upstream().reply(Reply.json(503, new JsonObject("""
                {"error": {"message": "The engine is currently overloaded, please try again later",
                 "type": "server_error", "param": null, "code": null}}""")));

        assertThatThrownBy(() -> providers.anthropic().messages().create(firstTurn().build()))
                .isInstanceOfSatisfying(OverloadedException.class, e -> assertThat(e.statusCode()).isEqualTo(529));
    }
}
