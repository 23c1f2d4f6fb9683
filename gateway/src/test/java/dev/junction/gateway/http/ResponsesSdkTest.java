package dev.junction.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.ObjectMappers;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import dev.junction.gateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The official OpenAI Java SDK's Responses client against the gateway and the echo plugin's real JAR. */
@Timeout(60)
class ResponsesSdkTest {

    private static final String PROMPT = "Hello from the  other side";
    private static final JsonMapper MAPPER = ObjectMappers.jsonMapper();

    private static TestGateway gateway;

    @BeforeAll
    static void start(@TempDir Path dir) {
        gateway = TestGateway.start(dir, TestGateway.echoBackend());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static OpenAIClient client(String base) {
        return gateway.openAi(base, "unused");
    }

    private static ResponseCreateParams.Builder echo(String text) {
        return ResponseCreateParams.builder().model("echo").instructions("Be brief.").input(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1", "/openai/v1"})
    void answers_a_response_with_text_usage_and_the_echoed_settings(String base) {
        Response response = client(base).responses().create(echo(PROMPT).temperature(0.5).build()).validate();

        assertThat(response.id()).startsWith("resp_");
        assertThat(response.status()).contains(ResponseStatus.COMPLETED);
        assertThat(text(response)).isEqualTo(PROMPT);
        assertThat(response.model().asString()).isEqualTo("echo");
        assertThat(response.instructions().orElseThrow().asString()).isEqualTo("Be brief.");
        assertThat(response.temperature()).contains(0.5);
        var usage = response.usage().orElseThrow();
        assertThat(usage.inputTokens()).isEqualTo(7);
        assertThat(usage.outputTokens()).isEqualTo(5);
        assertThat(usage.totalTokens()).isEqualTo(12);
    }

    @Test
    void streams_the_event_sequence_that_the_accumulator_rebuilds() throws Exception {
        ResponseAccumulator accumulator = ResponseAccumulator.createWithSnapshots();
        List<JsonObject> events = new ArrayList<>();
        try (StreamResponse<ResponseStreamEvent> stream = client("/v1").responses().createStreaming(echo(PROMPT).build())) {
            stream.stream().forEach(event -> {
                accumulator.accumulate(event);
                events.add(json(event));
            });
        }

        assertThat(events).extracting(event -> event.getInteger("sequence_number"))
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, events.size()).boxed().toList());
        assertThat(events).extracting(event -> event.getString("type")).startsWith(
                        "response.created",
                        "response.in_progress",
                        "response.output_item.added",
                        "response.content_part.added",
                        "response.output_text.delta")
                .endsWith(
                        "response.output_text.done",
                        "response.content_part.done",
                        "response.output_item.done",
                        "response.completed");
        assertThat(text(accumulator.reconstructedResponse())).isEqualTo(PROMPT);
        assertThat(text(accumulator.response())).isEqualTo(PROMPT);
        assertThat(accumulator.response().usage().orElseThrow().outputTokens()).isEqualTo(5);
    }

    @Test
    void a_token_limit_makes_the_response_incomplete() {
        Response response = client("/v1").responses().create(echo(PROMPT).maxOutputTokens(2L).build());

        assertThat(response.status()).contains(ResponseStatus.INCOMPLETE);
        assertThat(response.incompleteDetails().orElseThrow().reason())
                .contains(Response.IncompleteDetails.Reason.MAX_OUTPUT_TOKENS);
        assertThat(text(response)).isEqualTo("Hello from");
    }

    /** What Codex sends after a tool ran: its call back (with id and status), the output, built-in and custom tools. */
    @Test
    void accepts_a_codex_follow_up_with_the_call_its_output_and_tools_the_backend_does_not_have() {
        List<Object> input = List.of(
                Map.of("type", "message", "role", "developer", "content", "Use the shell."),
                Map.of("type", "message", "role", "user", "content", List.of(Map.of("type", "input_text", "text", "Show it"))),
                Map.of("type", "reasoning", "id", "rs_1", "summary", List.of(), "encrypted_content", "gAAAA"),
                Map.of("type", "function_call", "id", "fc_1", "status", "completed", "call_id", "call_1",
                        "name", "exec_command", "arguments", "{\"cmd\":\"cat a.txt\"}"),
                Map.of("type", "function_call_output", "call_id", "call_1", "output", "file content"),
                Map.of("type", "message", "role", "user", "content", "Thanks"));
        List<Object> tools = List.of(
                Map.of("type", "function", "name", "exec_command", "strict", false,
                        "parameters", Map.of("type", "object", "properties", Map.of("cmd", Map.of("type", "string")))),
                Map.of("type", "custom", "name", "apply_patch", "format", Map.of("type", "text")),
                Map.of("type", "web_search"));
        Response response = client("/v1").responses().create(ResponseCreateParams.builder()
                .model("echo")
                .input(JsonValue.from(input))
                .tools(JsonValue.from(tools))
                .store(false)
                .putAdditionalBodyProperty("include", JsonValue.from(List.of("reasoning.encrypted_content")))
                .putAdditionalBodyProperty("prompt_cache_key", JsonValue.from("session-1"))
                .build());

        assertThat(response.status()).contains(ResponseStatus.COMPLETED);
        assertThat(text(response)).isEqualTo("Thanks");
        assertThat(response._additionalProperties().get("store")).isEqualTo(JsonValue.from(false));
        assertThat(response.promptCacheKey()).contains("session-1");
        assertThat(response.tools()).hasSize(3);
    }

    @Test
    void an_invalid_item_is_a_bad_request_naming_its_path() {
        List<Object> input = List.of(Map.of("role", "user", "content", List.of(Map.of("type", "input_text", "text", 42))));

        assertThatThrownBy(() -> client("/v1").responses().create(
                        ResponseCreateParams.builder().model("echo").input(JsonValue.from(input)).build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.param())
                        .contains("input[0].content[0].text"))
                .hasMessageContaining("expected a string");
    }

    @Test
    void a_background_response_is_refused() {
        assertThatThrownBy(() -> client("/v1").responses().create(echo(PROMPT).background(true).build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.param()).contains("background"));
    }

    private static String text(Response response) {
        StringBuilder text = new StringBuilder();
        for (ResponseOutputItem item : response.output()) {
            item.message().ifPresent(message -> message.content()
                    .forEach(content -> content.outputText().ifPresent(output -> text.append(output.text()))));
        }
        return text.toString();
    }

    private static JsonObject json(ResponseStreamEvent event) {
        try {
            return new JsonObject(MAPPER.writeValueAsString(event));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
