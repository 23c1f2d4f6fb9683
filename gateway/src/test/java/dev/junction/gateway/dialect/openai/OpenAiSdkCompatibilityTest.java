package dev.junction.gateway.dialect.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.openai.core.JsonValue;
import com.openai.core.ObjectMappers;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.ErrorObject;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ResponseFormatJsonObject;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolChoiceOption;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.models.Model;
import com.openai.models.models.ModelListPageResponse;
import dev.junction.gateway.dialect.ApiError;
import dev.junction.gateway.dialect.ChatResult;
import dev.junction.gateway.dialect.DecodedRequest;
import dev.junction.gateway.dialect.ModelEntry;
import dev.junction.gateway.dialect.SseFrame;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ContentPart;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.FinishReason;
import dev.junction.plugin.Message;
import dev.junction.plugin.ResponseFormat;
import dev.junction.plugin.Tool;
import dev.junction.plugin.ToolChoice;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the dialect writes, the official openai-java SDK reads; what the SDK sends, the dialect reads. */
class OpenAiSdkCompatibilityTest {

    private static final JsonMapper SDK = ObjectMappers.jsonMapper();

    private final OpenAiDialect dialect = new OpenAiDialect();

    private static <T> T read(String json, Class<T> type) throws Exception {
        return SDK.readValue(json, type);
    }

    @Test
    void sdk_parses_a_text_completion() throws Exception {
        ChatResult result = new ChatResult(
                null,
                "gpt-test",
                List.of(new ContentPart.Thinking("why", null), new ContentPart.Text("Hello")),
                FinishReason.MAX_TOKENS,
                null,
                new ChatEvent.Usage(10, 5, 3, 0, 0));

        ChatCompletion completion = read(
                        dialect.encodeResponse(result, OpenAiResponseEncoderTest.REQUEST)
                                .encode(),
                        ChatCompletion.class)
                .validate();

        ChatCompletion.Choice choice = completion.choices().get(0);
        assertThat(choice.message().content()).contains("Hello");
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.LENGTH);
        assertThat(completion.usage().orElseThrow().promptTokens()).isEqualTo(13);
        assertThat(completion
                        .usage()
                        .orElseThrow()
                        .promptTokensDetails()
                        .orElseThrow()
                        .cachedTokens())
                .contains(3L);
    }

    @Test
    void sdk_parses_a_tool_call_completion() throws Exception {
        ChatResult result = new ChatResult(
                "chatcmpl-x",
                "gpt-test",
                List.of(new ContentPart.ToolCall("toolu_01", "get_weather", "{\"city\":\"Paris\"}")),
                FinishReason.TOOL_USE,
                null,
                ChatEvent.Usage.of(1, 1));

        ChatCompletion completion = read(
                        dialect.encodeResponse(result, OpenAiResponseEncoderTest.REQUEST)
                                .encode(),
                        ChatCompletion.class)
                .validate();

        ChatCompletion.Choice choice = completion.choices().get(0);
        ChatCompletionMessageFunctionToolCall call =
                choice.message().toolCalls().orElseThrow().get(0).asFunction();
        assertThat(choice.message().content()).isEmpty();
        assertThat(call.id()).isEqualTo("toolu_01");
        assertThat(call.function().name()).isEqualTo("get_weather");
        assertThat(call.function().arguments()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    }

    @Test
    void sdk_accumulates_the_streamed_chunks_into_the_answer() throws Exception {
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        for (SseFrame frame : OpenAiStreamEncoderTest.encode(true, OpenAiStreamEncoderTest.TOOL_TURN)) {
            if (!frame.data().equals("[DONE]")) {
                accumulator.accumulate(
                        read(frame.data(), ChatCompletionChunk.class).validate());
            }
        }

        ChatCompletion completion = accumulator.chatCompletion();
        ChatCompletion.Choice choice = completion.choices().get(0);
        List<ChatCompletionMessageToolCall> calls = choice.message().toolCalls().orElseThrow();
        assertThat(completion.id()).isEqualTo("chatcmpl-s1");
        assertThat(choice.message().content()).contains("Hello");
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).asFunction().id()).isEqualTo("call_a");
        assertThat(calls.get(0).asFunction().function().arguments()).isEqualTo("{\"city\":1}");
        assertThat(calls.get(1).asFunction().id()).isEqualTo("toolu_b");
        assertThat(calls.get(1).asFunction().function().arguments()).isEqualTo("{}");
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        assertThat(completion.usage().orElseThrow().totalTokens()).isEqualTo(17);
    }

    @Test
    void sdk_parses_every_chunk_without_include_usage() throws Exception {
        for (SseFrame frame : OpenAiStreamEncoderTest.encode(false, OpenAiStreamEncoderTest.TOOL_TURN)) {
            if (!frame.data().equals("[DONE]")) {
                assertThat(read(frame.data(), ChatCompletionChunk.class)
                                .validate()
                                .usage())
                        .isEmpty();
            }
        }
    }

    @Test
    void sdk_parses_error_bodies_of_every_kind() throws Exception {
        for (ErrorKind kind : ErrorKind.values()) {
            JsonObject body = dialect.family().errorBody(new ApiError(dialect.family().status(kind), "failed", "messages", null));

            ErrorObject error = read(body.getJsonObject("error").encode(), ErrorObject.class)
                    .validate();

            assertThat(error.message()).isEqualTo("failed");
            assertThat(error.param()).contains("messages");
        }
    }

    @Test
    void sdk_parses_the_stream_error_frame() throws Exception {
        SseFrame frame = dialect.streamEncoder(OpenAiResponseEncoderTest.REQUEST)
                .encode(ChatEvent.Failed.of(ErrorKind.TIMEOUT, "too slow"))
                .get(0);

        ErrorObject error = read(
                        new JsonObject(frame.data()).getJsonObject("error").encode(), ErrorObject.class)
                .validate();

        assertThat(error.message()).isEqualTo("too slow");
        assertThat(error.type()).isEqualTo("server_error");
    }

    @Test
    void sdk_parses_the_model_list_and_a_model() throws Exception {
        List<ModelEntry> entries = List.of(new ModelEntry("echo", "echo"), new ModelEntry("claude", "claude"));

        ModelListPageResponse list = read(dialect.family().modelList(entries).encode(), ModelListPageResponse.class)
                .validate();
        Model model = read(dialect.family().model(entries.get(1)).encode(), Model.class).validate();

        assertThat(list.data()).extracting(Model::id).containsExactly("echo", "claude");
        assertThat(model.ownedBy()).isEqualTo("claude");
        assertThat(model.created()).isPositive();
    }

    @Test
    void decodes_a_request_built_by_the_sdk() throws Exception {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model("gpt-4o")
                .addDeveloperMessage("Be brief.")
                .addUserMessageOfArrayOfContentParts(List.of(
                        ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder()
                                .text("Weather here?")
                                .build()),
                        ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder()
                                .imageUrl(ChatCompletionContentPartImage.ImageUrl.builder()
                                        .url("data:image/jpeg;base64,/9j/4AAQ")
                                        .build())
                                .build())))
                .addMessage(ChatCompletionAssistantMessageParam.builder()
                        .addToolCall(ChatCompletionMessageFunctionToolCall.builder()
                                .id("call_1")
                                .function(ChatCompletionMessageFunctionToolCall.Function.builder()
                                        .name("get_weather")
                                        .arguments("{\"city\":\"Paris\"}")
                                        .build())
                                .build())
                        .build())
                .addMessage(ChatCompletionToolMessageParam.builder()
                        .toolCallId("call_1")
                        .content("sunny")
                        .build())
                .addFunctionTool(FunctionDefinition.builder()
                        .name("get_weather")
                        .parameters(FunctionParameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .build())
                        .build())
                .toolChoice(ChatCompletionToolChoiceOption.Auto.REQUIRED)
                .parallelToolCalls(false)
                .maxCompletionTokens(64)
                .temperature(0.5)
                .stop("END")
                .streamOptions(
                        ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .responseFormat(ResponseFormatJsonObject.builder().build())
                .build();
        JsonObject body = new JsonObject(SDK.writeValueAsString(params._body())).put("stream", true);

        DecodedRequest decoded = dialect.decode(body);

        ChatRequest request = decoded.request();
        assertThat(decoded.stream()).isTrue();
        assertThat(decoded.includeUsage()).isTrue();
        assertThat(request.system()).containsExactly(new ContentPart.Text("Be brief."));
        assertThat(request.messages())
                .containsExactly(
                        new Message(
                                Message.Role.USER,
                                List.of(
                                        new ContentPart.Text("Weather here?"),
                                        new ContentPart.Image("image/jpeg", "/9j/4AAQ", null))),
                        new Message(
                                Message.Role.ASSISTANT,
                                List.of(new ContentPart.ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"))),
                        new Message(
                                Message.Role.USER,
                                List.of(new ContentPart.ToolResult(
                                        "call_1", List.of(new ContentPart.Text("sunny")), false))));
        assertThat(request.tools()).extracting(Tool::name).containsExactly("get_weather");
        assertThat(request.toolChoice()).isEqualTo(new ToolChoice(ToolChoice.Mode.REQUIRED, null, false));
        assertThat(request.sampling().maxTokens()).isEqualTo(64);
        assertThat(request.sampling().stop()).containsExactly("END");
        assertThat(request.extra()).isEqualTo(new JsonObject());
        assertThat(request.responseFormat()).isEqualTo(ResponseFormat.jsonObject());
    }
}
