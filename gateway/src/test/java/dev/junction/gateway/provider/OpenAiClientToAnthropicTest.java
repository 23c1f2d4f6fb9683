package dev.junction.gateway.provider;

import static dev.junction.gateway.provider.Sse.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.InternalServerException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.RateLimitException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.completions.CompletionUsage;
import dev.junction.gateway.provider.FakeProvider.Received;
import dev.junction.gateway.provider.FakeProvider.Reply;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The official OpenAI SDK through the gateway to the anthropic plugin, whose upstream is a fake
 * Messages API that checks every request it receives: a streamed turn with two tool calls whose
 * arguments arrive in pieces, the results sent back under the same ids, cache usage in OpenAI's
 * convention, cache breakpoints placed for the client (or its own kept, and none added), the
 * client's other part fields kept out of the Anthropic body, and upstream failures as the SDK sees
 * them.
 */
@Timeout(60)
class OpenAiClientToAnthropicTest extends WithProviderGateway {

    private static FakeProvider upstream() {
        return providers.anthropicUpstream;
    }

    static final List<ChatCompletionFunctionTool> TOOLS = List.of(
            tool("get_weather", "Current weather", "city"), tool("get_time", null, "tz"));

    static ChatCompletionFunctionTool tool(String name, String description, String parameter) {
        FunctionDefinition.Builder function = FunctionDefinition.builder()
                .name(name)
                .parameters(FunctionParameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of(parameter, Map.of("type", "string"))))
                        .putAdditionalProperty("required", JsonValue.from(List.of(parameter)))
                        .build());
        if (description != null) {
            function.description(description);
        }
        return ChatCompletionFunctionTool.builder().function(function.build()).build();
    }

    /** The Messages API stream of a turn that calls both tools, their input split across deltas. */
    static final List<String> TWO_TOOL_USES = List.of(
            event("message_start", """
                {"type":"message_start","message":{"id":"msg_01XFDUDYJgAACzvnptvVoYEL","type":"message","role":"assistant",
                 "model":"claude-sonnet-4-5-20250929","content":[],"stop_reason":null,"stop_sequence":null,
                 "usage":{"input_tokens":50,"cache_creation_input_tokens":20,"cache_read_input_tokens":100,"output_tokens":1}}}"""),
            event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"),
            event("ping", "{\"type\": \"ping\"}"),
            event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Checking both.\"}}"),
            event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"),
            event("content_block_start", """
                {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_01WeatherA1b2C3d4E5f6G7h8",
                 "name":"get_weather","input":{}}}"""),
            event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"\"}}"),
            event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"ci\"}}"),
            event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"ty\\\": \\\"Par\"}}"),
            event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"is\\\"}\"}}"),
            event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":1}"),
            event("content_block_start", """
                {"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_02TimeZ9y8X7w6V5u4T3s2R1",
                 "name":"get_time","input":{}}}"""),
            event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"tz\\\": \\\"Eur\"}}"),
            event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"ope/Paris\\\"}\"}}"),
            event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":2}"),
            event("message_delta", """
                {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":42}}"""),
            event("message_stop", "{\"type\":\"message_stop\"}"));

    static List<String> text(String text) {
        return List.of(
                event("message_start", """
                    {"type":"message_start","message":{"id":"msg_02","type":"message","role":"assistant",
                     "model":"claude-sonnet-4-5-20250929","content":[],"stop_reason":null,"stop_sequence":null,
                     "usage":{"input_tokens":80,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":1}}}"""),
                event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"),
                event("content_block_delta", new JsonObject().put("type", "content_block_delta").put("index", 0)
                        .put("delta", new JsonObject().put("type", "text_delta").put("text", text)).encode()),
                event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"),
                event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":9}}"),
                event("message_stop", "{\"type\":\"message_stop\"}"));
    }

    private static ChatCompletionCreateParams.Builder firstTurn() {
        return ChatCompletionCreateParams.builder()
                .model("claude-sonnet-4-5")
                .addSystemMessage("Be brief.")
                .addUserMessage("Weather and time in Paris?")
                .tools(TOOLS.stream().map(com.openai.models.chat.completions.ChatCompletionTool::ofFunction).toList());
    }

    @Test
    void a_tool_call_round_trip_keeps_the_ids_and_reassembles_split_arguments() {
        upstream().reply(Reply.sse(TWO_TOOL_USES));
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream = providers.openAi().chat().completions().createStreaming(
                firstTurn().streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            stream.stream().forEach(accumulator::accumulate);
        }

        ChatCompletion first = accumulator.chatCompletion();
        ChatCompletionMessage message = first.choices().get(0).message();
        assertThat(message.content()).contains("Checking both.");
        List<ChatCompletionMessageFunctionToolCall> calls =
                message.toolCalls().orElseThrow().stream().map(call -> call.asFunction()).toList();
        assertThat(calls).extracting(ChatCompletionMessageFunctionToolCall::id)
                .containsExactly("toolu_01WeatherA1b2C3d4E5f6G7h8", "toolu_02TimeZ9y8X7w6V5u4T3s2R1");
        assertThat(calls).extracting(call -> call.function().name()).containsExactly("get_weather", "get_time");
        assertThat(calls).extracting(call -> new JsonObject(call.function().arguments()))
                .containsExactly(new JsonObject().put("city", "Paris"), new JsonObject().put("tz", "Europe/Paris"));
        assertThat(first.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        CompletionUsage usage = first.usage().orElseThrow();
        assertThat(usage.promptTokens()).as("OpenAI counts cached tokens in the prompt").isEqualTo(170);
        assertThat(usage.promptTokensDetails().orElseThrow().cachedTokens()).contains(100L);
        assertThat(usage.completionTokens()).isEqualTo(42);
        assertThat(usage.totalTokens()).isEqualTo(212);

        Received call = upstream().only();
        assertThat(call.method() + " " + call.path()).isEqualTo("POST /v1/messages");
        assertThat(call.headers()).containsEntry("x-api-key", ProviderGateway.ANTHROPIC_KEY)
                .containsEntry("anthropic-version", "2023-06-01")
                .doesNotContainKey("authorization");
        assertThat(call.json()).as("with cache breakpoints on the prefix the next turn repeats").isEqualTo(new JsonObject("""
                {"model": "claude-sonnet-4-5", "max_tokens": 1000, "stream": true,
                 "system": [{"type": "text", "text": "Be brief.", "cache_control": {"type": "ephemeral"}}],
                 "messages": [{"role": "user", "content": [
                   {"type": "text", "text": "Weather and time in Paris?", "cache_control": {"type": "ephemeral"}}]}],
                 "tools": [
                   {"name": "get_weather", "description": "Current weather",
                    "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}},
                   {"name": "get_time",
                    "input_schema": {"type": "object", "properties": {"tz": {"type": "string"}}, "required": ["tz"]},
                    "cache_control": {"type": "ephemeral"}}]}"""));

        // The client runs the tools and sends their results back under the same ids.
        upstream().reset();
        upstream().reply(Reply.sse(text("18°C and 14:05 in Paris.")));
        ChatCompletion second = providers.openAi().chat().completions().create(firstTurn()
                .addMessage(message)
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(calls.get(0).id()).content("18°C").build())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(calls.get(1).id()).content("14:05").build())
                .build());

        assertThat(second.choices().get(0).message().content()).contains("18°C and 14:05 in Paris.");
        assertThat(second.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(upstream().only().json().getJsonArray("messages")).isEqualTo(new JsonObject("""
                {"messages": [
                  {"role": "user", "content": [
                    {"type": "text", "text": "Weather and time in Paris?", "cache_control": {"type": "ephemeral"}}]},
                  {"role": "assistant", "content": [
                    {"type": "text", "text": "Checking both."},
                    {"type": "tool_use", "id": "toolu_01WeatherA1b2C3d4E5f6G7h8", "name": "get_weather", "input": {"city": "Paris"}},
                    {"type": "tool_use", "id": "toolu_02TimeZ9y8X7w6V5u4T3s2R1", "name": "get_time", "input": {"tz": "Europe/Paris"}}]},
                  {"role": "user", "content": [
                    {"type": "tool_result", "tool_use_id": "toolu_01WeatherA1b2C3d4E5f6G7h8", "content": [{"type": "text", "text": "18°C"}]},
                    {"type": "tool_result", "tool_use_id": "toolu_02TimeZ9y8X7w6V5u4T3s2R1", "content": [{"type": "text", "text": "14:05"}],
                     "cache_control": {"type": "ephemeral"}}]}]}""")
                .getJsonArray("messages"));
    }

    @Test
    void an_openai_clients_image_detail_does_not_reach_the_messages_api_but_its_own_cache_control_does() {
        upstream().reply(Reply.sse(text("A cat.")));

        providers.openAi().chat().completions().create(ChatCompletionCreateParams.builder()
                .model("claude-sonnet-4-5")
                .addUserMessageOfArrayOfContentParts(List.of(
                        ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder()
                                .text("What is it?")
                                .putAdditionalProperty("cache_control", JsonValue.from(Map.of("type", "ephemeral")))
                                .build()),
                        ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder()
                                .imageUrl(ChatCompletionContentPartImage.ImageUrl.builder()
                                        .url("https://example.com/cat.png")
                                        .detail(ChatCompletionContentPartImage.ImageUrl.Detail.HIGH)
                                        .build())
                                .build())))
                .build());

        assertThat(upstream().only().json().getJsonArray("messages")).isEqualTo(new JsonObject("""
                {"messages": [{"role": "user", "content": [
                  {"type": "text", "text": "What is it?", "cache_control": {"type": "ephemeral"}},
                  {"type": "image", "source": {"type": "url", "url": "https://example.com/cat.png"}}]}]}""")
                .getJsonArray("messages"));
    }

    @Test
    void the_upstream_refusing_the_gateways_key_is_a_502_naming_the_backend() {
        upstream().reply(Reply.json(401, new JsonObject("""
                {"type": "error", "error": {"type": "authentication_error", "message": "invalid x-api-key"}}""")));

        assertThatThrownBy(() -> providers.openAi().chat().completions().create(firstTurn().build()))
                .isInstanceOfSatisfying(InternalServerException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(502);
                    assertThat(e.getMessage()).contains("'anthropic'");
                });
    }

    @Test
    void an_upstream_rate_limit_is_a_rate_limit_with_its_retry_after() {
        upstream().reply(Reply.json(429, new JsonObject("""
                {"type": "error", "error": {"type": "rate_limit_error", "message": "Number of request tokens has exceeded your per-minute rate limit"}}"""),
                "retry-after", "7"));

        assertThatThrownBy(() -> providers.openAi().chat().completions().create(firstTurn().build()))
                .isInstanceOfSatisfying(RateLimitException.class, e ->
                        assertThat(e.headers().values("Retry-After")).containsExactly("7"));
    }

    @Test
    void an_overloaded_upstream_is_503_for_openai_callers() {
        upstream().reply(Reply.json(529, new JsonObject("""
                {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}""")));

        assertThatThrownBy(() -> providers.openAi().chat().completions().create(firstTurn().build()))
                .isInstanceOfSatisfying(OpenAIServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(503));
    }
}
