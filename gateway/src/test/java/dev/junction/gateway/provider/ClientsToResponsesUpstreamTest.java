package dev.junction.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import dev.junction.gateway.cli.FakeOpenAiResponses;
import dev.junction.gateway.cli.RecordedRequest;
import dev.junction.gateway.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official SDKs through the gateway to the openai plugin with {@code options.api: responses},
 * whose upstream is the fake Responses API: the upstream gets Responses requests
 * ({@code instructions}, input items, flat function tools, {@code store: false}) and the OpenAI
 * SDK's Chat Completions client gets Chat Completions answers, streamed or whole, through a tool
 * call round trip; the Anthropic SDK's client gets the upstream's encrypted reasoning as a redacted
 * thinking block, and its next turn takes it back to the upstream.
 */
@Timeout(60)
class ClientsToResponsesUpstreamTest {

    private static final String KEY = "sk-test-responses";

    private static FakeOpenAiResponses upstream;
    private static TestGateway gateway;

    @BeforeAll
    static void start(@TempDir Path dir) {
        upstream = FakeOpenAiResponses.start();
        gateway = TestGateway.start(dir, TestGateway.echoBackend()
                + "  responses:\n    plugin: openai\n    models: [\"gpt-5*\"]\n"
                + "    options: {baseUrl: \"" + upstream.baseUrl() + "/v1\", apiKey: " + KEY + ", api: responses}\n"
                + "    retries: {attempts: 0}\n");
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    @BeforeEach
    void reset() {
        upstream.clearRequests();
    }

    private static OpenAIClient client() {
        return gateway.openAi("client-key");
    }

    @Test
    void a_streamed_chat_turn_is_a_responses_call_upstream() {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model("gpt-5-mini")
                .addSystemMessage("Be brief.")
                .addUserMessage("Say hello")
                .streamOptions(ChatCompletionStreamOptions.builder()
                        .includeUsage(true)
                        .build())
                .build();

        String text;
        long promptTokens;
        try (StreamResponse<ChatCompletionChunk> stream = client().chat().completions().createStreaming(params)) {
            List<ChatCompletionChunk> chunks = stream.stream().toList();
            text = chunks.stream()
                    .flatMap(chunk -> chunk.choices().stream())
                    .map(choice -> choice.delta().content().orElse(""))
                    .collect(Collectors.joining());
            promptTokens = chunks.stream()
                    .filter(chunk -> chunk.usage().isPresent())
                    .mapToLong(chunk -> chunk.usage().get().promptTokens())
                    .max()
                    .orElse(-1);
        }

        assertThat(text).isEqualTo("Hello from stub");
        assertThat(promptTokens).isEqualTo(12);
        RecordedRequest call = upstream.modelCalls().get(0);
        assertThat(call.uri()).isEqualTo("/v1/responses");
        assertThat(call.headers().get("authorization")).isEqualTo("Bearer " + KEY);
        JsonObject body = call.json();
        assertThat(body.getString("model")).isEqualTo("gpt-5-mini");
        assertThat(body.getString("instructions")).isEqualTo("Be brief.");
        assertThat(body.getValue("stream")).isEqualTo(true);
        assertThat(body.getValue("store")).isEqualTo(false);
        assertThat(upstream.userText(call)).isEqualTo("Say hello");
    }

    @Test
    void a_tool_call_round_trip_keeps_the_call_id_and_sends_the_result_as_a_function_call_output() {
        upstream.replyToolCall("get_weather", "{\"city\":\"Paris\"}");
        ChatCompletionCreateParams.Builder first = ChatCompletionCreateParams.builder()
                .model("gpt-5")
                .addUserMessage("Weather in Paris?")
                .addTool(ChatCompletionFunctionTool.builder()
                        .function(FunctionDefinition.builder()
                                .name("get_weather")
                                .parameters(FunctionParameters.builder()
                                        .putAdditionalProperty("type", JsonValue.from("object"))
                                        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                                        .build())
                                .build())
                        .build());

        ChatCompletion answer = client().chat().completions().create(first.build());

        assertThat(answer.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        ChatCompletionMessageToolCall toolCall = answer.choices().get(0).message().toolCalls().orElseThrow().get(0);
        ChatCompletionMessageFunctionToolCall call = toolCall.asFunction();
        assertThat(call.id()).as("the upstream's call id, unchanged").startsWith("call_stub_");
        assertThat(call.function().name()).isEqualTo("get_weather");
        assertThat(new JsonObject(call.function().arguments())).isEqualTo(new JsonObject().put("city", "Paris"));
        JsonObject tool = upstream.modelCalls().get(0).json().getJsonArray("tools").getJsonObject(0);
        assertThat(tool.getString("type")).isEqualTo("function");
        assertThat(tool.getString("name")).isEqualTo("get_weather");
        assertThat(tool.getValue("strict")).as("the Responses API's default, true, would refuse this schema").isEqualTo(false);

        String followUp = streamedText(first
                .addMessage(answer.choices().get(0).message())
                .addMessage(ChatCompletionToolMessageParam.builder()
                        .toolCallId(call.id())
                        .content("18°C and sunny")
                        .build())
                .build());

        assertThat(followUp).isEqualTo("Hello from stub");
        JsonArray input = upstream.modelCalls().get(1).json().getJsonArray("input");
        JsonObject functionCall = item(input, "function_call");
        assertThat(functionCall.getString("call_id")).isEqualTo(call.id());
        assertThat(functionCall.getString("name")).isEqualTo("get_weather");
        JsonObject output = item(input, "function_call_output");
        assertThat(output.getString("call_id")).isEqualTo(call.id());
        assertThat(output.getString("output")).isEqualTo("18°C and sunny");
        assertThat(input.stream().filter(entry -> "reasoning".equals(((JsonObject) entry).getString("type"))))
                .as("a Chat Completions client cannot carry the encrypted reasoning back")
                .isEmpty();
    }

    @Test
    void an_anthropic_client_gets_the_encrypted_reasoning_and_sends_it_back_to_the_upstream_that_made_it() {
        upstream.replyToolCall("get_weather", "{\"city\":\"Paris\"}");
        MessageCreateParams.Builder first = MessageCreateParams.builder()
                .model("gpt-5")
                .maxTokens(1000)
                .addUserMessage("Weather in Paris?")
                .addTool(Tool.builder()
                        .name("get_weather")
                        .inputSchema(Tool.InputSchema.builder()
                                .properties(com.anthropic.core.JsonValue.from(Map.of("city", Map.of("type", "string"))))
                                .build())
                        .build());

        Message answer = gateway.anthropic("client-key").messages().create(first.build());

        assertThat(answer.content().get(0).isRedactedThinking()).isTrue();
        assertThat(answer.content().get(0).asRedactedThinking().data()).isEqualTo(FakeOpenAiResponses.ENCRYPTED_REASONING);
        ToolUseBlock call = answer.content().get(1).asToolUse();
        assertThat(call.name()).isEqualTo("get_weather");

        gateway.anthropic("client-key").messages().create(first
                .addMessage(answer)
                .addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(
                        ToolResultBlockParam.builder().toolUseId(call.id()).content("18°C").build())))
                .build());

        JsonObject followUp = upstream.modelCalls().get(1).json();
        JsonObject reasoning = item(followUp.getJsonArray("input"), "reasoning");
        assertThat(reasoning.getString("encrypted_content")).isEqualTo(FakeOpenAiResponses.ENCRYPTED_REASONING);
        assertThat(followUp.getJsonArray("include")).containsExactly("reasoning.encrypted_content");
        assertThat(item(followUp.getJsonArray("input"), "function_call_output").getString("call_id")).isEqualTo(call.id());
    }

    private static String streamedText(ChatCompletionCreateParams params) {
        try (StreamResponse<ChatCompletionChunk> stream = client().chat().completions().createStreaming(params)) {
            return stream.stream()
                    .flatMap(chunk -> chunk.choices().stream())
                    .map(choice -> choice.delta().content().orElse(""))
                    .collect(Collectors.joining());
        }
    }

    private static JsonObject item(JsonArray input, String type) {
        return input.stream()
                .map(JsonObject.class::cast)
                .filter(entry -> type.equals(entry.getString("type")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " item in " + input.encodePrettily()));
    }
}
