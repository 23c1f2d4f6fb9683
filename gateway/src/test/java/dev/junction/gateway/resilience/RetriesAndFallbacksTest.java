package dev.junction.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.OverloadedException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.openai.client.OpenAIClient;
import com.openai.errors.BadRequestException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.gateway.support.PrometheusText;
import dev.junction.gateway.support.Scrapes;
import dev.junction.gateway.support.TestGateway;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import io.vertx.core.json.JsonObject;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retries and fallbacks through a real gateway, seen by the official SDKs (which do not retry
 * themselves here): the scripted plugin (from a real JAR) fails as told, and records every attempt.
 */
@Timeout(60)
class RetriesAndFallbacksTest {

    private static final AccessLines LOG = new AccessLines();
    private static TestGateway gateway;
    private static OpenAIClient openAi;
    private static AnthropicClient anthropic;

    @BeforeAll
    static void start(@TempDir Path dir) {
        String unbroken = "    circuitBreaker: {failures: 0}\n";
        gateway = TestGateway.builder(dir)
                .plugins(ScriptProbe.writePlugins(dir))
                .backends("  flaky:\n    plugin: scripted\n"
                        + "    models: [flaky, flaky-after-start, text-then-fail, invalid]\n"
                        + "    retries: {attempts: 2, initialBackoffMillis: 10, maxBackoffMillis: 40}\n" + unbroken
                        + "  down:\n    plugin: scripted\n    models: [down, limited]\n"
                        + "    retries: {attempts: 1, initialBackoffMillis: 10, maxBackoffMillis: 40}\n"
                        + "    fallbacks: [echo]\n" + unbroken
                        + "  patient:\n    plugin: scripted\n    models: [patient]\n"
                        + "    retries: {attempts: 1, initialBackoffMillis: 10, maxBackoffMillis: 1000}\n" + unbroken
                        + TestGateway.echoBackend())
                .accessLog(LOG)
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

    private static ChatCompletionCreateParams openAiChat(String model, String requestId) {
        return ChatCompletionCreateParams.builder()
                .model(model)
                .addUserMessage("hello fallback")
                .putAdditionalHeader("X-Request-Id", requestId)
                .build();
    }

    private static MessageCreateParams anthropicChat(String model) {
        return MessageCreateParams.builder().model(model).maxTokens(64).addUserMessage("hello fallback").build();
    }

    @Test
    void a_flaky_backend_answers_the_openai_sdk_after_two_retries() throws Exception {
        ScriptProbe.failNext(2, ChatEvent.Failed.of(ErrorKind.OVERLOADED, "scripted overload"));
        double retriesBefore = Scrapes.scrape(gateway).value("junction_retries_total", "backend", "flaky");

        ChatCompletion completion = openAi.chat().completions().create(openAiChat("flaky", "retried-twice"));

        assertThat(completion.choices().get(0).message().content()).contains("ok from flaky");
        assertThat(ScriptProbe.chats).containsExactly("flaky flaky", "flaky flaky", "flaky flaky");
        JsonObject line = LOG.of("retried-twice");
        assertThat(line.getInteger("status")).isEqualTo(200);
        assertThat(line.getString("backend")).isEqualTo("flaky");
        assertThat(line.getInteger("retries")).isEqualTo(2);
        assertThat(line.getString("fallbackFrom")).isNull();
        assertThat(Scrapes.scrape(gateway).value("junction_retries_total", "backend", "flaky"))
                .isEqualTo(retriesBefore + 2);
    }

    @Test
    void a_flaky_backend_streams_to_the_anthropic_sdk_after_a_retry() {
        ScriptProbe.failNext(1, ChatEvent.Failed.of(ErrorKind.UNAVAILABLE, "scripted outage"));

        MessageAccumulator message = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = anthropic.messages().createStreaming(anthropicChat("flaky"))) {
            stream.stream().forEach(message::accumulate);
        }

        assertThat(message.message().content().get(0).asText().text()).isEqualTo("ok from flaky");
        assertThat(ScriptProbe.chats).hasSize(2);
    }

    @Test
    void gives_up_after_the_configured_retries_with_the_backends_failure() {
        ScriptProbe.failNext(5, ChatEvent.Failed.of(ErrorKind.OVERLOADED, "scripted overload"));

        assertThatThrownBy(() -> anthropic.messages().create(anthropicChat("flaky")))
                .isInstanceOfSatisfying(OverloadedException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(529);
                    assertThat(e.getMessage()).contains("scripted overload");
                });
        assertThat(ScriptProbe.chats).hasSize(3);
    }

    @Test
    void a_failure_right_after_the_message_start_is_retried_unseen() {
        ScriptProbe.failNext(1, ChatEvent.Failed.of(ErrorKind.OVERLOADED, "scripted overload"));

        List<ChatCompletionChunk> chunks;
        try (var stream = openAi.chat().completions().createStreaming(openAiChat("flaky-after-start", "unseen"))) {
            chunks = stream.stream().toList();
        }

        ChatCompletionAccumulator completion = ChatCompletionAccumulator.create();
        chunks.forEach(completion::accumulate);
        assertThat(completion.chatCompletion().choices().get(0).message().content()).contains("ok from flaky");
        assertThat(chunks.stream()
                        .flatMap(chunk -> chunk.choices().stream())
                        .filter(choice -> choice.delta().role().isPresent()))
                .as("one answer, started once")
                .hasSize(1);
        assertThat(ScriptProbe.chats).hasSize(2);
    }

    @Test
    void a_failure_after_text_reached_the_client_is_not_retried() {
        List<String> texts = new ArrayList<>();
        try (StreamResponse<RawMessageStreamEvent> stream =
                anthropic.messages().createStreaming(anthropicChat("text-then-fail"))) {
            assertThatThrownBy(() -> stream.stream().forEach(event -> event.contentBlockDelta()
                            .flatMap(delta -> delta.delta().text())
                            .ifPresent(text -> texts.add(text.text()))))
                    .hasMessageContaining("scripted overload after text");
        }

        assertThat(texts).containsExactly("a");
        assertThat(ScriptProbe.chats).containsExactly("flaky text-then-fail");
    }

    @Test
    void client_errors_are_not_retried() {
        assertThatThrownBy(() -> openAi.chat().completions().create(openAiChat("invalid", "invalid")))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("scripted refusal");
        assertThat(ScriptProbe.chats).hasSize(1);
    }

    @Test
    void an_unavailable_backend_falls_back_to_echo_after_its_retry() throws Exception {
        PrometheusText before = Scrapes.scrape(gateway);

        ChatCompletion completion = openAi.chat().completions().create(openAiChat("down", "fell-back"));

        assertThat(completion.choices().get(0).message().content()).contains("hello fallback");
        assertThat(ScriptProbe.chats).containsExactly("down down", "down down");
        JsonObject line = LOG.of("fell-back");
        assertThat(line.getString("backend")).isEqualTo("echo");
        assertThat(line.getString("fallbackFrom")).isEqualTo("down");
        assertThat(line.getInteger("retries")).isEqualTo(1);
        assertThat(line.getString("outcome")).isEqualTo("ok");
        PrometheusText after = Scrapes.scrape(gateway);
        assertThat(after.value("junction_fallbacks_total", "from", "down", "to", "echo"))
                .isEqualTo(before.value("junction_fallbacks_total", "from", "down", "to", "echo") + 1);
        assertThat(after.value("junction_retries_total", "backend", "down"))
                .isEqualTo(before.value("junction_retries_total", "backend", "down") + 1);
    }

    @Test
    void an_unavailable_backend_falls_back_to_echo_in_a_stream() {
        MessageAccumulator message = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = anthropic.messages().createStreaming(anthropicChat("down"))) {
            stream.stream().forEach(message::accumulate);
        }

        assertThat(message.message().content().get(0).asText().text()).isEqualTo("hello fallback");
        assertThat(ScriptProbe.chats).hasSize(2);
    }

    @Test
    void a_rate_limit_longer_than_the_backoff_falls_back_without_a_retry() {
        ChatCompletion completion = openAi.chat().completions().create(openAiChat("limited", "limited"));

        assertThat(completion.choices().get(0).message().content()).contains("hello fallback");
        assertThat(ScriptProbe.chats).containsExactly("down limited");
    }

    @Test
    void a_client_that_leaves_during_the_backoff_gets_no_further_attempt() throws Exception {
        // Retry-After 1 s: the retry waits a second, long enough to leave before it.
        ScriptProbe.failNext(1, new ChatEvent.Failed(ErrorKind.OVERLOADED, "scripted overload", 1));
        byte[] body = "{\"model\":\"patient/flaky\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
                .getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "Content-Type: application/json\r\nX-Request-Id: left\r\nContent-Length: " + body.length
                            + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            assertThat(ScriptProbe.awaitChats(1, 5_000)).as("first attempt").isTrue();
        }

        assertThat(LOG.of("left").getString("outcome")).isEqualTo("cancelled");
        assertThat(ScriptProbe.awaitChats(1, 1_500)).as("an attempt after the client left").isFalse();
        assertThat(ScriptProbe.chats).containsExactly("patient flaky");
    }

    @Test
    void the_retry_would_have_come_had_the_client_stayed() throws Exception {
        ScriptProbe.failNext(1, new ChatEvent.Failed(ErrorKind.OVERLOADED, "scripted overload", 1));
        long start = System.nanoTime();

        ChatCompletion completion = openAi.chat().completions().create(openAiChat("patient/flaky", "stayed"));

        assertThat(completion.choices().get(0).message().content()).contains("ok from patient");
        assertThat(System.nanoTime() - start).as("waited for Retry-After").isGreaterThanOrEqualTo(1_000_000_000L);
        assertThat(ScriptProbe.chats).hasSize(2);
    }
}
