package dev.junction.gateway.http;

import static dev.junction.gateway.http.RateLimitSdkTest.thrown;
import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.ErrorType;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.gateway.backend.CancelProbe;
import dev.junction.gateway.backend.SlowBackendFactory;
import dev.junction.gateway.support.PluginJar;
import dev.junction.gateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code concurrentRequests} through the official SDKs: a request held open (a slow stream) keeps
 * the key's only place, a second gets 429 with {@code Retry-After: 1}, and the place comes back
 * when the first ends, however it ends; an SDK that retries waits the {@code Retry-After} and gets
 * through once the place is free.
 */
@Timeout(60)
class ConcurrentRequestLimitTest {

    private static final List<JsonObject> LINES = new ArrayList<>();
    private static TestGateway gateway;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        Path plugins = dir.resolve("plugins");
        PluginJar.write(plugins, "slow", ">=0.1.0", SlowBackendFactory.class,
                SlowBackendFactory.class, SlowBackendFactory.SlowBackend.class);
        Files.copy(TestGateway.BUILT_PLUGINS.resolve("echo.jar"), plugins.resolve("echo.jar"));
        CancelProbe.reset();
        StringBuilder keys = new StringBuilder("  keys:\n");
        for (String name : List.of("one-openai", "one-anthropic", "retry-openai", "retry-anthropic")) {
            keys.append("    - name: ").append(name).append("\n      key: sk-").append(name)
                    .append("\n      limits: {concurrentRequests: 1}\n");
        }
        gateway = TestGateway.builder(dir)
                .plugins(plugins)
                .backends(TestGateway.echoBackend() + "  slow:\n    plugin: slow\n    models: [slow]\n")
                .auth(keys.toString())
                .accessLog(ConcurrentRequestLimitTest::log)
                .start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static void log(String line) {
        synchronized (LINES) {
            LINES.add(new JsonObject(line));
            LINES.notifyAll();
        }
    }

    /** The first access log line that matches, waiting for it (lines are written as requests end). */
    private static JsonObject awaitLine(Predicate<JsonObject> matches) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        synchronized (LINES) {
            while (true) {
                for (JsonObject line : LINES) {
                    if (matches.test(line)) {
                        return line;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no such access log line in " + LINES);
                }
                TimeUnit.NANOSECONDS.timedWait(LINES, left);
            }
        }
    }

    private static List<JsonObject> linesOf(String key) {
        synchronized (LINES) {
            return LINES.stream().filter(line -> key.equals(line.getString("key"))).toList();
        }
    }

    private static Predicate<JsonObject> line(String key, String model, int status) {
        return line -> key.equals(line.getString("key"))
                && (model == null ? line.getString("model") == null : model.equals(line.getString("model")))
                && line.getInteger("status") == status;
    }

    private static OpenAIClient openAi(String key, int maxRetries) {
        return OpenAIOkHttpClient.builder().baseUrl(gateway.url("/v1")).apiKey("sk-" + key).maxRetries(maxRetries).build();
    }

    private static AnthropicClient anthropic(String key, int maxRetries) {
        return AnthropicOkHttpClient.builder().baseUrl(gateway.url("")).apiKey("sk-" + key).maxRetries(maxRetries).build();
    }

    private static ChatCompletionCreateParams chat(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("go on").build();
    }

    private static MessageCreateParams message(String model) {
        return MessageCreateParams.builder().model(model).maxTokens(50).addUserMessage("go on").build();
    }

    /** A slow stream for {@code key}, its first chunk read: it holds the key's place until closed. */
    private static StreamResponse<ChatCompletionChunk> holdOpenAi(String key) {
        StreamResponse<ChatCompletionChunk> stream = openAi(key, 0).chat().completions().createStreaming(chat("slow"));
        stream.stream().iterator().next();
        return stream;
    }

    private static com.anthropic.core.http.StreamResponse<RawMessageStreamEvent> holdAnthropic(String key) {
        com.anthropic.core.http.StreamResponse<RawMessageStreamEvent> stream =
                anthropic(key, 0).messages().createStreaming(message("slow"));
        stream.stream().iterator().next();
        return stream;
    }

    @Test
    void openai_second_request_waits_until_the_first_client_has_gone() throws Exception {
        OpenAIClient client = openAi("one-openai", 0);
        try (StreamResponse<ChatCompletionChunk> held = holdOpenAi("one-openai")) {
            com.openai.errors.RateLimitException e = thrown(
                    com.openai.errors.RateLimitException.class, () -> client.chat().completions().create(chat("echo")));

            assertThat(e.statusCode()).isEqualTo(429);
            assertThat(e.headers().values("retry-after")).containsExactly("1");
            assertThat(e.getMessage()).contains("one-openai", "1 concurrent request.");
            assertThat(e.headers().names()).as("no requests or tokens limits, no such headers")
                    .noneMatch(name -> name.toLowerCase().startsWith("x-ratelimit-"));
        }
        awaitLine(line("one-openai", "slow", 200));

        assertThat(client.chat().completions().create(chat("echo")).choices()).isNotEmpty();
        assertThat(client.chat().completions().create(chat("echo")).choices())
                .as("a completed request gave its place back")
                .isNotEmpty();
    }

    @Test
    void anthropic_second_request_waits_until_the_first_client_has_gone_or_failed() throws Exception {
        AnthropicClient client = anthropic("one-anthropic", 0);
        try (com.anthropic.core.http.StreamResponse<RawMessageStreamEvent> held = holdAnthropic("one-anthropic")) {
            com.anthropic.errors.RateLimitException e = thrown(
                    com.anthropic.errors.RateLimitException.class, () -> client.messages().create(message("echo")));

            assertThat(e.errorType()).hasValue(ErrorType.RATE_LIMIT_ERROR);
            assertThat(e.headers().values("retry-after")).containsExactly("1");
            assertThat(e.getMessage()).contains("1 concurrent request.", "Try again in 1 second.");
        }
        awaitLine(line("one-anthropic", "slow", 200));

        thrown(com.anthropic.errors.NotFoundException.class, () -> client.messages().create(message("no-such-model")));
        assertThat(client.messages().create(message("echo")).content())
                .as("a request that failed gave its place back")
                .isNotEmpty();
    }

    @Test
    void openai_sdk_retries_after_retry_after_and_gets_through_once_the_place_is_free() throws Exception {
        StreamResponse<ChatCompletionChunk> held = holdOpenAi("retry-openai");
        long startedAt = System.nanoTime();
        CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> openAi("retry-openai", 2)
                .chat().completions().create(chat("echo")).choices().get(0).message().content().orElseThrow());

        awaitLine(line("retry-openai", null, 429));
        held.close();

        assertThat(answer.get(20, TimeUnit.SECONDS)).isNotBlank();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt)).as("waited Retry-After: 1")
                .isGreaterThanOrEqualTo(1000);
        awaitLine(line("retry-openai", "echo", 200));
        assertThat(linesOf("retry-openai")).extracting(line -> line.getInteger("status")).startsWith(429).endsWith(200);
    }

    @Test
    void anthropic_sdk_retries_after_retry_after_and_gets_through_once_the_place_is_free() throws Exception {
        com.anthropic.core.http.StreamResponse<RawMessageStreamEvent> held = holdAnthropic("retry-anthropic");
        long startedAt = System.nanoTime();
        CompletableFuture<Integer> answer = CompletableFuture.supplyAsync(() -> anthropic("retry-anthropic", 2)
                .messages().create(message("echo")).content().size());

        awaitLine(line("retry-anthropic", null, 429));
        held.close();

        assertThat(answer.get(20, TimeUnit.SECONDS)).isPositive();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt)).as("waited Retry-After: 1")
                .isGreaterThanOrEqualTo(1000);
        awaitLine(line("retry-anthropic", "echo", 200));
        assertThat(linesOf("retry-anthropic")).extracting(line -> line.getInteger("status")).startsWith(429).endsWith(200);
    }
}
