package dev.junction.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.GatewayTimeoutException;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.openai.client.OpenAIClient;
import com.openai.errors.InternalServerException;
import com.openai.errors.SseException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.gateway.support.TestGateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Timeouts of one second (the smallest) on backends of the scripted plugin that stay silent, stall
 * or never finish, seen by the official SDKs: a 504 before the answer began, the dialect's error
 * event after, the fallback when one is configured, and the backend told to stop.
 */
@Timeout(60)
class TimeoutsTest {

    private static final long SECOND = 1_000_000_000L;
    private static TestGateway gateway;
    private static OpenAIClient openAi;
    private static AnthropicClient anthropic;

    @BeforeAll
    static void start(@TempDir Path dir) {
        String quickRetries = "    retries: {attempts: 2, initialBackoffMillis: 10, maxBackoffMillis: 20}\n";
        String unbroken = "    circuitBreaker: {failures: 0}\n";
        gateway = TestGateway.builder(dir)
                .plugins(ScriptProbe.writePlugins(dir))
                .backends("  silent:\n    plugin: scripted\n    models: [silent]\n"
                        + "    timeouts: {firstEventSeconds: 1}\n    retries: {attempts: 0}\n" + unbroken
                        + "  hesitant:\n    plugin: scripted\n    models: [hesitant]\n"
                        + "    timeouts: {firstEventSeconds: 1}\n    retries: {attempts: 0}\n    fallbacks: [echo]\n" + unbroken
                        + "  stall:\n    plugin: scripted\n    models: [stall]\n"
                        + "    timeouts: {idleSeconds: 1}\n" + quickRetries + unbroken
                        + "  drip:\n    plugin: scripted\n    models: [drip]\n"
                        + "    timeouts: {idleSeconds: 5, totalSeconds: 1}\n" + quickRetries + unbroken
                        + TestGateway.echoBackend())
                .start();
        openAi = gateway.openAi("k");
        anthropic = gateway.anthropic("k");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @BeforeEach
    void reset() {
        ScriptProbe.reset();
    }

    private static ChatCompletionCreateParams openAiChat(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("hello in time").build();
    }

    private static MessageCreateParams anthropicChat(String model) {
        return MessageCreateParams.builder().model(model).maxTokens(64).addUserMessage("hello in time").build();
    }

    @Test
    void a_backend_silent_before_its_first_event_is_a_504_for_the_openai_sdk() throws Exception {
        long start = System.nanoTime();

        assertThatThrownBy(() -> openAi.chat().completions().create(openAiChat("silent")))
                .isInstanceOfSatisfying(InternalServerException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(504);
                    assertThat(e.getMessage()).contains("Backend 'silent' sent nothing within 1 s.");
                });

        assertThat(System.nanoTime() - start).isBetween(SECOND, 3 * SECOND);
        assertThat(ScriptProbe.awaitCancels(1, 2_000)).as("the backend was told to stop").isTrue();
        assertThat(ScriptProbe.chats).containsExactly("silent silent");
    }

    @Test
    void a_backend_silent_before_its_first_event_is_a_504_for_an_anthropic_stream() {
        assertThatThrownBy(() -> {
                    try (StreamResponse<RawMessageStreamEvent> stream =
                            anthropic.messages().createStreaming(anthropicChat("silent"))) {
                        stream.stream().forEach(event -> {});
                    }
                })
                .isInstanceOfSatisfying(GatewayTimeoutException.class, e -> assertThat(e.statusCode()).isEqualTo(504));
    }

    @Test
    void a_backend_silent_before_its_first_event_falls_back_when_configured() {
        long start = System.nanoTime();
        ChatCompletionAccumulator completion = ChatCompletionAccumulator.create();
        try (var stream = openAi.chat().completions().createStreaming(openAiChat("hesitant/silent"))) {
            stream.stream().forEach(completion::accumulate);
        }

        assertThat(completion.chatCompletion().choices().get(0).message().content()).contains("hello in time");
        assertThat(System.nanoTime() - start).isBetween(SECOND, 3 * SECOND);
        assertThat(ScriptProbe.chats).containsExactly("hesitant silent");
    }

    @Test
    void a_stream_that_goes_silent_ends_with_the_dialects_error_event_and_is_not_retried() throws Exception {
        List<String> texts = new ArrayList<>();
        try (StreamResponse<RawMessageStreamEvent> stream = anthropic.messages().createStreaming(anthropicChat("stall"))) {
            assertThatThrownBy(() -> stream.stream().forEach(event -> event.contentBlockDelta()
                            .flatMap(delta -> delta.delta().text())
                            .ifPresent(text -> texts.add(text.text()))))
                    .isInstanceOf(com.anthropic.errors.SseException.class)
                    .hasMessageContaining("Backend 'stall' went silent for 1 s.");
        }

        assertThat(texts).containsExactly("a");
        assertThat(ScriptProbe.awaitCancels(1, 2_000)).as("the backend was told to stop").isTrue();
        assertThat(ScriptProbe.chats).containsExactly("stall stall");
    }

    @Test
    void a_stream_that_never_finishes_ends_at_the_total_timeout() throws Exception {
        long start = System.nanoTime();
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (var stream = openAi.chat().completions().createStreaming(openAiChat("drip"))) {
            assertThatThrownBy(() -> stream.stream().forEach(chunks::add))
                    .isInstanceOf(SseException.class)
                    .hasMessageContaining("Backend 'drip' did not finish its answer within 1 s.");
        }

        assertThat(System.nanoTime() - start).isBetween(SECOND, 3 * SECOND);
        assertThat(chunks.stream().flatMap(chunk -> chunk.choices().stream()).flatMap(c -> c.delta().content().stream()))
                .contains("drip ");
        assertThat(ScriptProbe.awaitCancels(1, 2_000)).as("the backend was told to stop").isTrue();
        assertThat(ScriptProbe.chats).containsExactly("drip drip");
    }

    @Test
    void a_stream_opened_by_a_keep_alive_can_still_fall_back(@TempDir Path dir) throws Exception {
        try (TestGateway pinging = TestGateway.builder(dir)
                .plugins(ScriptProbe.writePlugins(dir))
                .server("  keepAliveSeconds: 1\n")
                .backends("  hesitant:\n    plugin: scripted\n    models: [hesitant]\n"
                        + "    timeouts: {firstEventSeconds: 2}\n    retries: {attempts: 0}\n    fallbacks: [echo]\n"
                        + TestGateway.echoBackend())
                .start()) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(pinging.url("/v1/messages")))
                            .timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"hesitant/silent\",\"max_tokens\":9,"
                                    + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hello in time\"}]}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body())
                    .startsWith("event: ping\n")
                    .contains("\"text\":\"hello\"")
                    .doesNotContain("event: error")
                    .endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
        }
    }
}
