package dev.junction.gateway.provider;

import static dev.junction.gateway.provider.Sse.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.OverloadedException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.openai.errors.InternalServerException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.RateLimitException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionTool;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import dev.junction.gateway.provider.FakeProvider.Received;
import dev.junction.gateway.provider.FakeProvider.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Both official SDKs through the gateway to the gemini plugin, whose upstream is a fake Gemini API
 * ({@code streamGenerateContent?alt=sse}) that checks every request it receives: two function calls
 * across chunks (the first signed), the results sent back under the ids the gateway gave the calls,
 * cache usage in each dialect's convention, and upstream failures.
 */
@Timeout(60)
class BothClientsToGeminiTest extends WithProviderGateway {

    private static final String SIGNATURE = "CpcBAXLI2nzSig1Gq7Xw0eR4tY6uI8oP2aS4dF6gH8jK0lZ==";
    private static final String STREAM_PATH = "/v1beta/models/gemini-2.5-flash:streamGenerateContent";

    private static FakeProvider upstream() {
        return providers.geminiUpstream;
    }

    static final List<String> TWO_FUNCTION_CALLS = List.of(
            data("""
                {"candidates": [{"content": {"parts": [{"text": "Checking both."}], "role": "model"}, "index": 0}],
                 "usageMetadata": {"promptTokenCount": 100, "totalTokenCount": 100, "cachedContentTokenCount": 60},
                 "modelVersion": "gemini-2.5-flash", "responseId": "gEmInIrEsP1"}"""),
            data("""
                {"candidates": [{"content": {"parts": [{"functionCall": {"name": "get_weather", "args": {"city": "Paris"}},
                   "thoughtSignature": "%s"}], "role": "model"}, "index": 0}],
                 "usageMetadata": {"promptTokenCount": 100, "totalTokenCount": 100, "cachedContentTokenCount": 60},
                 "modelVersion": "gemini-2.5-flash", "responseId": "gEmInIrEsP1"}""".formatted(SIGNATURE)),
            data("""
                {"candidates": [{"content": {"parts": [{"functionCall": {"name": "get_time", "args": {"tz": "Europe/Paris"}}}],
                   "role": "model"}, "finishReason": "STOP", "index": 0}],
                 "usageMetadata": {"promptTokenCount": 100, "candidatesTokenCount": 20, "totalTokenCount": 120,
                   "cachedContentTokenCount": 60, "promptTokensDetails": [{"modality": "TEXT", "tokenCount": 100}]},
                 "modelVersion": "gemini-2.5-flash", "responseId": "gEmInIrEsP1"}"""));

    static List<String> text(String text) {
        return List.of(data(new JsonObject()
                .put("candidates", new JsonArray().add(new JsonObject()
                        .put("content", new JsonObject()
                                .put("parts", new JsonArray().add(new JsonObject().put("text", text)))
                                .put("role", "model"))
                        .put("finishReason", "STOP")
                        .put("index", 0)))
                .put("usageMetadata", new JsonObject()
                        .put("promptTokenCount", 150).put("candidatesTokenCount", 9).put("totalTokenCount", 159))
                .put("modelVersion", "gemini-2.5-flash")
                .put("responseId", "gEmInIrEsP2")
                .encode()));
    }

    /** The request body both clients' first turn becomes. */
    private static final JsonObject FIRST_TURN_TOOLS = new JsonObject("""
            {"tools": [{"functionDeclarations": [
               {"name": "get_weather", "description": "Current weather",
                "parametersJsonSchema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}},
               {"name": "get_time",
                "parametersJsonSchema": {"type": "object", "properties": {"tz": {"type": "string"}}, "required": ["tz"]}}]}]}""");

    private static JsonArray secondTurnContents(String signature) {
        return new JsonArray("""
                [{"role": "user", "parts": [{"text": "Weather and time in Paris?"}]},
                 {"role": "model", "parts": [
                   {"text": "Checking both."},
                   {"functionCall": {"id": "call_gEmInIrEsP1_0", "name": "get_weather", "args": {"city": "Paris"}},
                    "thoughtSignature": "%s"},
                   {"functionCall": {"id": "call_gEmInIrEsP1_1", "name": "get_time", "args": {"tz": "Europe/Paris"}}}]},
                 {"role": "user", "parts": [
                   {"functionResponse": {"id": "call_gEmInIrEsP1_0", "name": "get_weather", "response": {"output": "18°C"}}},
                   {"functionResponse": {"id": "call_gEmInIrEsP1_1", "name": "get_time", "response": {"output": "14:05"}}}]}]"""
                .formatted(signature));
    }

    private static void assertCalled(Received call) {
        assertThat(call.method() + " " + call.path() + "?" + call.query()).isEqualTo("POST " + STREAM_PATH + "?alt=sse");
        assertThat(call.headers()).containsEntry("x-goog-api-key", ProviderGateway.GEMINI_KEY)
                .doesNotContainKey("authorization")
                .doesNotContainKey("anthropic-beta");
    }

    // the OpenAI SDK

    private static ChatCompletionCreateParams.Builder openAiFirstTurn() {
        return ChatCompletionCreateParams.builder()
                .model("gemini-2.5-flash")
                .addSystemMessage("Be brief.")
                .addUserMessage("Weather and time in Paris?")
                .tools(OpenAiClientToAnthropicTest.TOOLS.stream().map(ChatCompletionTool::ofFunction).toList());
    }

    @Test
    void the_openai_sdk_makes_a_tool_round_trip_under_the_ids_the_gateway_gave() {
        upstream().reply(Reply.sse(TWO_FUNCTION_CALLS));
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (var stream = providers.openAi().chat().completions().createStreaming(
                openAiFirstTurn().streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            stream.stream().forEach((ChatCompletionChunk chunk) -> accumulator.accumulate(chunk));
        }

        ChatCompletion first = accumulator.chatCompletion();
        ChatCompletionMessage message = first.choices().get(0).message();
        List<ChatCompletionMessageFunctionToolCall> calls =
                message.toolCalls().orElseThrow().stream().map(call -> call.asFunction()).toList();
        assertThat(calls).extracting(ChatCompletionMessageFunctionToolCall::id)
                .containsExactly("call_gEmInIrEsP1_0", "call_gEmInIrEsP1_1");
        assertThat(calls).extracting(call -> new JsonObject(call.function().arguments()))
                .containsExactly(new JsonObject().put("city", "Paris"), new JsonObject().put("tz", "Europe/Paris"));
        assertThat(first.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        assertThat(first.usage().orElseThrow().promptTokens()).isEqualTo(100);
        assertThat(first.usage().orElseThrow().promptTokensDetails().orElseThrow().cachedTokens()).contains(60L);
        assertThat(first.usage().orElseThrow().completionTokens()).isEqualTo(20);

        Received call = upstream().only();
        assertCalled(call);
        assertThat(call.json()).isEqualTo(new JsonObject("""
                {"contents": [{"role": "user", "parts": [{"text": "Weather and time in Paris?"}]}],
                 "systemInstruction": {"parts": [{"text": "Be brief."}]}}""").mergeIn(FIRST_TURN_TOOLS));

        upstream().reset();
        upstream().reply(Reply.sse(text("18°C and 14:05 in Paris.")));
        ChatCompletion second = providers.openAi().chat().completions().create(openAiFirstTurn()
                .addMessage(message)
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(calls.get(0).id()).content("18°C").build())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(calls.get(1).id()).content("14:05").build())
                .build());

        assertThat(second.choices().get(0).message().content()).contains("18°C and 14:05 in Paris.");
        // An OpenAI client keeps no signatures: the plugin signs the current turn's first call with Gemini's stand-in.
        assertThat(upstream().only().json().getJsonArray("contents"))
                .isEqualTo(secondTurnContents("skip_thought_signature_validator"));
    }

    @Test
    void the_openai_sdk_sees_refused_credentials_as_a_502_naming_the_backend() {
        upstream().reply(Reply.json(403, new JsonObject("""
                {"error": {"code": 403, "message": "Method doesn't allow unregistered callers.", "status": "PERMISSION_DENIED"}}""")));

        assertThatThrownBy(() -> providers.openAi().chat().completions().create(openAiFirstTurn().build()))
                .isInstanceOfSatisfying(InternalServerException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(502);
                    assertThat(e.getMessage()).contains("'gemini'");
                });
    }

    @Test
    void the_openai_sdk_sees_an_upstream_rate_limit_with_its_retry_after_and_overload_as_503() {
        upstream().reply(Reply.json(429, new JsonObject("""
                {"error": {"code": 429, "message": "Resource has been exhausted (e.g. check quota).", "status": "RESOURCE_EXHAUSTED"}}"""),
                "retry-after", "30"));
        assertThatThrownBy(() -> providers.openAi().chat().completions().create(openAiFirstTurn().build()))
                .isInstanceOfSatisfying(RateLimitException.class, e ->
                        assertThat(e.headers().values("Retry-After")).containsExactly("30"));

        upstream().reply(Reply.json(503, new JsonObject("""
                {"error": {"code": 503, "message": "The model is overloaded. Please try again later.", "status": "UNAVAILABLE"}}""")));
        assertThatThrownBy(() -> providers.openAi().chat().completions().create(openAiFirstTurn().build()))
                .isInstanceOfSatisfying(OpenAIServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(503));
    }

    // the Anthropic SDK

    private static MessageCreateParams.Builder anthropicFirstTurn() {
        return MessageCreateParams.builder()
                .model("gemini-2.5-flash")
                .maxTokens(300)
                .system("Be brief.")
                .addUserMessage("Weather and time in Paris?")
                .addTool(AnthropicClientToOpenAiTest.tool("get_weather", "Current weather", "city"))
                .addTool(AnthropicClientToOpenAiTest.tool("get_time", null, "tz"));
    }

    @Test
    void the_anthropic_sdk_makes_a_tool_round_trip_and_gives_back_the_signature() {
        upstream().reply(Reply.sse(TWO_FUNCTION_CALLS));
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = providers.anthropic().messages().createStreaming(
                anthropicFirstTurn().putAdditionalHeader("anthropic-beta", "interleaved-thinking-2025-05-14").build())) {
            stream.stream().forEach(accumulator::accumulate);
        }

        Message first = accumulator.message();
        List<ToolUseBlock> calls = first.content().stream().filter(b -> b.isToolUse()).map(b -> b.asToolUse()).toList();
        assertThat(calls).extracting(ToolUseBlock::id).containsExactly("call_gEmInIrEsP1_0", "call_gEmInIrEsP1_1");
        assertThat(first.content().stream().filter(b -> b.isThinking()).map(b -> b.asThinking().signature()))
                .containsExactly(SIGNATURE);
        assertThat(first.stopReason()).contains(StopReason.TOOL_USE);
        assertThat(first.usage().inputTokens()).isEqualTo(40);
        assertThat(first.usage().cacheReadInputTokens()).contains(60L);
        assertThat(first.usage().outputTokens()).isEqualTo(20);

        Received call = upstream().only();
        assertCalled(call);
        assertThat(call.json()).isEqualTo(new JsonObject("""
                {"contents": [{"role": "user", "parts": [{"text": "Weather and time in Paris?"}]}],
                 "systemInstruction": {"parts": [{"text": "Be brief."}]},
                 "generationConfig": {"maxOutputTokens": 300}}""").mergeIn(FIRST_TURN_TOOLS));

        upstream().reset();
        upstream().reply(Reply.sse(text("18°C and 14:05 in Paris.")));
        Message second = providers.anthropic().messages().create(anthropicFirstTurn()
                .addMessage(first)
                .addUserMessageOfContentBlockParams(List.of(
                        ContentBlockParam.ofToolResult(
                                ToolResultBlockParam.builder().toolUseId(calls.get(0).id()).content("18°C").build()),
                        ContentBlockParam.ofToolResult(
                                ToolResultBlockParam.builder().toolUseId(calls.get(1).id()).content("14:05").build())))
                .build());

        assertThat(second.content().get(0).asText().text()).isEqualTo("18°C and 14:05 in Paris.");
        // An Anthropic client keeps the thinking block: Gemini gets its own signature back, on its call.
        assertThat(upstream().only().json().getJsonArray("contents")).isEqualTo(secondTurnContents(SIGNATURE));
    }

    @Test
    void the_anthropic_sdk_sees_an_overloaded_upstream_as_529() {
        upstream().reply(Reply.json(503, new JsonObject("""
                {"error": {"code": 503, "message": "The model is overloaded. Please try again later.", "status": "UNAVAILABLE"}}""")));

        assertThatThrownBy(() -> providers.anthropic().messages().create(anthropicFirstTurn().build()))
                .isInstanceOfSatisfying(OverloadedException.class, e -> assertThat(e.statusCode()).isEqualTo(529));
    }
}
