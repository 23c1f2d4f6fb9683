package dev.junction.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.NotFoundException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.models.ModelInfo;
import dev.junction.gateway.support.TestGateway;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The official Anthropic Java SDK against the gateway and the echo plugin's real JAR. */
@Timeout(60)
class AnthropicSdkTest {

    private static final String PROMPT = "Hello from the  other side";

    private static TestGateway gateway;

    @BeforeAll
    static void start(@TempDir Path dir) {
        gateway = TestGateway.start(dir, TestGateway.echoBackend());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    /** @param base "" for {@code /v1/messages}, "/anthropic" for {@code /anthropic/v1/messages} */
    private static AnthropicClient client(String base) {
        return gateway.anthropic(base, "unused");
    }

    private static MessageCreateParams.Builder echo(String text) {
        return MessageCreateParams.builder().model("echo").maxTokens(100).system("Be brief.").addUserMessage(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/anthropic"})
    void lists_models_in_the_anthropic_shape(String base) {
        List<ModelInfo> models = client(base).models().list().data();
        assertThat(models).extracting(ModelInfo::id).containsExactly("echo");
        assertThat(client(base).models().retrieve("echo").id()).isEqualTo("echo");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/anthropic"})
    void answers_a_message_with_text_and_usage(String base) {
        Message message = client(base).messages().create(echo(PROMPT).build());

        assertThat(message.content()).hasSize(1);
        assertThat(message.content().get(0).text().orElseThrow().text()).isEqualTo(PROMPT);
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.usage().inputTokens()).isEqualTo(7);
        assertThat(message.usage().outputTokens()).isEqualTo(5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/anthropic"})
    void streams_the_exact_event_sequence(String base) {
        List<RawMessageStreamEvent> events;
        try (StreamResponse<RawMessageStreamEvent> stream = client(base).messages().createStreaming(echo(PROMPT).build())) {
            events = stream.stream().toList();
        }
        List<String> types = events.stream().map(AnthropicSdkTest::type).toList();
        assertThat(types).containsExactly(
                "message_start",
                "content_block_start",
                "content_block_delta",
                "content_block_delta",
                "content_block_delta",
                "content_block_delta",
                "content_block_delta",
                "content_block_stop",
                "message_delta",
                "message_stop");

        MessageAccumulator accumulator = MessageAccumulator.create();
        events.forEach(accumulator::accumulate);
        Message message = accumulator.message();
        assertThat(message.content().get(0).text().orElseThrow().text()).isEqualTo(PROMPT);
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.usage().inputTokens()).isEqualTo(7);
        assertThat(message.usage().outputTokens()).isEqualTo(5);
    }

    private static String type(RawMessageStreamEvent event) {
        if (event.isMessageStart()) {
            return "message_start";
        } else if (event.isContentBlockStart()) {
            return "content_block_start";
        } else if (event.isContentBlockDelta()) {
            return "content_block_delta";
        } else if (event.isContentBlockStop()) {
            return "content_block_stop";
        } else if (event.isMessageDelta()) {
            return "message_delta";
        }
        return event.isMessageStop() ? "message_stop" : "unknown";
    }

    @Test
    void stops_at_max_tokens() {
        Message message = client("").messages().create(echo(PROMPT).maxTokens(2).build());
        assertThat(message.content().get(0).text().orElseThrow().text()).isEqualTo("Hello from");
        assertThat(message.stopReason()).contains(StopReason.MAX_TOKENS);
    }

    @Test
    void unknown_model_is_a_not_found_exception_naming_the_models() {
        assertThatThrownBy(() -> client("").messages().create(echo("hi").model("claude-nope").build()))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("claude-nope")
                .hasMessageContaining("echo");
    }

    @Test
    void invalid_request_is_a_bad_request_exception() {
        assertThatThrownBy(() -> client("/anthropic").messages().create(echo("hi")
                        .putAdditionalBodyProperty("top_k", JsonValue.from("many"))
                        .build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("top_k");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api", "/anthropic/v2"})
    void an_unknown_path_is_a_not_found_exception(String base) {
        assertThatThrownBy(() -> client(base).messages().create(echo("hi").build()))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("Unknown endpoint: POST " + base + "/v1/messages")
                .satisfies(e -> assertThat(((NotFoundException) e).errorType().map(String::valueOf))
                        .as("Anthropic's error shape")
                        .hasValue("not_found_error"));
    }
}
