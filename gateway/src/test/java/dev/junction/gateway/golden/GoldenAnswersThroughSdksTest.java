package dev.junction.gateway.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseStreamEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden answers as the official SDKs see them: each SDK's accumulator, fed the golden stream,
 * rebuilds the same message as the golden whole response (text, tool calls with their ids and
 * reassembled arguments, thinking, stop reason, usage).
 */
class GoldenAnswersThroughSdksTest {

    private static final Path ANSWERS = Path.of("src/test/resources/golden/answers");
    private static final JsonMapper OPENAI = com.openai.core.ObjectMappers.jsonMapper();
    private static final JsonMapper ANTHROPIC = com.anthropic.core.ObjectMappers.jsonMapper();

    static Stream<String> openAiAnswers() throws IOException {
        return answers("openai");
    }

    static Stream<String> anthropicAnswers() throws IOException {
        return answers("anthropic");
    }

    @ParameterizedTest
    @MethodSource("openAiAnswers")
    void the_openai_accumulator_rebuilds_the_whole_response(String name) throws Exception {
        JsonObject golden = new JsonObject(Files.readString(ANSWERS.resolve("openai").resolve(name)));
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        for (JsonObject data : data(golden.getJsonArray("stream"))) {
            accumulator.accumulate(OPENAI.readValue(data.encode(), ChatCompletionChunk.class));
        }

        ChatCompletion streamed = accumulator.chatCompletion();
        ChatCompletion whole = OPENAI.readValue(golden.getJsonObject("response").encode(), ChatCompletion.class).validate();

        ChatCompletion.Choice streamedChoice = streamed.choices().get(0);
        ChatCompletion.Choice wholeChoice = whole.choices().get(0);
        assertThat(streamedChoice.message().content()).isEqualTo(wholeChoice.message().content());
        assertThat(streamedChoice.message().toolCalls().orElse(List.of()))
                .extracting(call -> call.asFunction().id(), call -> call.asFunction().function().name(),
                        call -> call.asFunction().function().arguments())
                .containsExactlyElementsOf(wholeChoice.message().toolCalls().orElse(List.of()).stream()
                        .map(call -> org.assertj.core.groups.Tuple.tuple(call.asFunction().id(),
                                call.asFunction().function().name(), call.asFunction().function().arguments()))
                        .toList());
        assertThat(streamedChoice.finishReason()).isEqualTo(wholeChoice.finishReason());
        assertThat(streamed.usage()).isEqualTo(whole.usage());
    }

    static Stream<String> responsesAnswers() throws IOException {
        return answers("responses");
    }

    @ParameterizedTest
    @MethodSource("responsesAnswers")
    void the_responses_accumulator_rebuilds_the_whole_response(String name) throws Exception {
        JsonObject golden = new JsonObject(Files.readString(ANSWERS.resolve("responses").resolve(name)));
        ResponseAccumulator accumulator = ResponseAccumulator.createWithSnapshots();
        for (JsonObject data : data(golden.getJsonArray("stream"))) {
            accumulator.accumulate(OPENAI.readValue(data.encode(), ResponseStreamEvent.class).validate());
        }

        Response whole = OPENAI.readValue(golden.getJsonObject("response").encode(), Response.class).validate();
        Response rebuilt = accumulator.reconstructedResponse().validate();
        assertThat(rebuilt.output()).isEqualTo(whole.output());
        assertThat(rebuilt.status()).isEqualTo(whole.status());
        assertThat(rebuilt.incompleteDetails()).isEqualTo(whole.incompleteDetails());
        assertThat(rebuilt.usage()).isEqualTo(whole.usage());
        assertThat(accumulator.response().validate().output()).isEqualTo(whole.output());
    }

    @Test
    void every_streamed_responses_event_is_valid_for_the_sdk_failures_too() throws Exception {
        try (Stream<Path> files = Files.list(ANSWERS.resolve("responses"))) {
            for (Path file : files.toList()) {
                for (JsonObject data : data(new JsonObject(Files.readString(file)).getJsonArray("stream"))) {
                    ResponseStreamEvent event = OPENAI.readValue(data.encode(), ResponseStreamEvent.class);
                    assertThatCode(event::validate).as("%s: %s", file.getFileName(), data).doesNotThrowAnyException();
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("anthropicAnswers")
    void the_anthropic_accumulator_rebuilds_the_whole_response(String name) throws Exception {
        JsonObject golden = new JsonObject(Files.readString(ANSWERS.resolve("anthropic").resolve(name)));
        MessageAccumulator accumulator = MessageAccumulator.create();
        for (JsonObject data : data(golden.getJsonArray("stream"))) {
            if (!"ping".equals(data.getString("type"))) { // the SDK drops pings before they reach an accumulator
                accumulator.accumulate(ANTHROPIC.readValue(data.encode(), RawMessageStreamEvent.class));
            }
        }

        Message streamed = accumulator.message();
        Message whole = ANTHROPIC.readValue(golden.getJsonObject("response").encode(), Message.class).validate();

        assertThat(json(streamed)).isEqualTo(json(whole));
    }

    private static JsonObject json(Object sdkValue) throws JsonProcessingException {
        return new JsonObject(ANTHROPIC.writeValueAsString(sdkValue));
    }

    private static List<JsonObject> data(JsonArray stream) {
        return stream.stream()
                .map(frame -> ((JsonObject) frame).getValue("data"))
                .filter(JsonObject.class::isInstance)
                .map(JsonObject.class::cast)
                .toList();
    }

    /** The answers that succeeded (a failed one has an error, not a response). */
    private static Stream<String> answers(String dialect) throws IOException {
        try (Stream<Path> files = Files.list(ANSWERS.resolve(dialect))) {
            return files.filter(file -> {
                        try {
                            return new JsonObject(Files.readString(file)).containsKey("response");
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .map(file -> file.getFileName().toString())
                    .sorted()
                    .toList()
                    .stream();
        }
    }
}
