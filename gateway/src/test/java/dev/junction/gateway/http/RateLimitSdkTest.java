package dev.junction.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.ErrorType;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.openai.client.OpenAIClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.junction.gateway.support.PluginJar;
import dev.junction.gateway.support.ProbeBackendFactory;
import dev.junction.gateway.support.TestGateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-key requests and tokens per minute through the official SDKs: their {@code RateLimitException}
 * with an integer {@code retry-after} and each dialect's rate-limit headers, remaining counts on
 * answers, token usage counted when a request ends; keys without limits see none of it. The node's
 * four HTTP server instances count together, whichever serves a connection.
 */
@Timeout(60)
class RateLimitSdkTest {

    /** Echo counts words: this prompt costs 5 input and 5 output tokens. */
    private static final String FIVE_WORDS = "one two three four five";

    private static TestGateway gateway;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        Path plugins = dir.resolve("plugins");
        Files.createDirectories(plugins);
        PluginJar.write(plugins, "probe", ">=0.1.0", ProbeBackendFactory.class,
                ProbeBackendFactory.class, ProbeBackendFactory.ProbeBackend.class);
        Files.copy(TestGateway.BUILT_PLUGINS.resolve("echo.jar"), plugins.resolve("echo.jar"));
        gateway = TestGateway.builder(dir)
                .plugins(plugins)
                .server("  instances: 4\n")
                .backends(TestGateway.echoBackend() + "  probe:\n    plugin: probe\n    models: [probe-embed]\n")
                .auth("  keys:\n"
                        + key("rpm-openai", "{requestsPerMinute: 3}")
                        + key("rpm-anthropic", "{requestsPerMinute: 2}")
                        + key("rpm-spread", "{requestsPerMinute: 3}")
                        + key("tpm-openai", "{tokensPerMinute: 8, requestsPerMinute: 100}")
                        + key("tpm-anthropic", "{tokensPerMinute: 8}")
                        + key("tpm-embed", "{tokensPerMinute: 5}")
                        + key("side-routes", "{requestsPerMinute: 2}")
                        + key("unlimited", null)
                        + key("empty-limits", "{}"))
                .start();
    }

    private static String key(String name, String limits) {
        return "    - name: " + name + "\n      key: sk-" + name + "\n"
                + (limits == null ? "" : "      limits: " + limits + "\n");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static OpenAIClient openAi(String key) {
        return gateway.openAi("sk-" + key);
    }

    private static AnthropicClient anthropic(String key) {
        return gateway.anthropic("/anthropic", "sk-" + key);
    }

    private static ChatCompletionCreateParams chat(String text) {
        return ChatCompletionCreateParams.builder().model("echo").addUserMessage(text).build();
    }

    private static MessageCreateParams message(String text) {
        return MessageCreateParams.builder().model("echo").maxTokens(50).addUserMessage(text).build();
    }

    /** What {@code call} threw, failing unless it threw a {@code type}. */
    static <E extends Throwable> E thrown(Class<E> type, ThrowingCallable call) {
        return assertThatExceptionOfType(type).isThrownBy(call).actual();
    }

    private static void assertRetryAfterIsWholeSeconds(List<String> retryAfter, int atMost) {
        assertThat(retryAfter).hasSize(1);
        assertThat(retryAfter.get(0)).matches("[0-9]+");
        assertThat(Integer.parseInt(retryAfter.get(0))).isBetween(1, atMost);
    }

    @Test
    void openai_sdk_sees_remaining_requests_go_down_then_a_rate_limit_exception() {
        OpenAIClient client = openAi("rpm-openai");
        List<String> remaining = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HttpResponseFor<ChatCompletion> response = client.chat().completions().withRawResponse().create(chat("hi"));
            assertThat(response.parse().choices()).isNotEmpty();
            assertThat(response.headers().values("x-ratelimit-limit-requests")).containsExactly("3");
            assertThat(response.headers().values("x-ratelimit-reset-requests").get(0)).matches("[0-9.]+m?s|1m0s");
            remaining.addAll(response.headers().values("x-ratelimit-remaining-requests"));
        }
        assertThat(remaining).containsExactly("2", "1", "0");

        com.openai.errors.RateLimitException e = thrown(
                com.openai.errors.RateLimitException.class, () -> client.chat().completions().create(chat("hi")));

        assertThat(e.statusCode()).isEqualTo(429);
        assertRetryAfterIsWholeSeconds(e.headers().values("retry-after"), 60);
        assertThat(e.headers().values("x-ratelimit-limit-requests")).containsExactly("3");
        assertThat(e.headers().values("x-ratelimit-remaining-requests")).containsExactly("0");
        assertThat(e.headers().values("x-ratelimit-reset-requests")).hasSize(1);
        assertThat(e.headers().names()).as("no tokens limit, no tokens headers")
                .noneMatch(name -> name.toLowerCase().endsWith("-tokens"));
        assertThat(e.code()).hasValue("rate_limit_exceeded");
        assertThat(e.getMessage()).contains("rpm-openai", "3 requests per minute").doesNotContain("sk-rpm-openai");
    }

    @Test
    void a_key_of_3_requests_per_minute_gets_its_4th_refused_whichever_instance_serves_it() {
        // A client each: four connections, which the node hands to its four instances in turn.
        assertThat(openAi("rpm-spread").chat().completions().create(chat("hi")).choices()).isNotEmpty();
        assertThat(anthropic("rpm-spread").messages().create(message("hi")).content()).isNotEmpty();
        assertThat(openAi("rpm-spread").chat().completions().create(chat("hi")).choices()).isNotEmpty();

        com.anthropic.errors.RateLimitException e = thrown(
                com.anthropic.errors.RateLimitException.class, () -> anthropic("rpm-spread").messages().create(message("hi")));

        assertThat(e.headers().values("anthropic-ratelimit-requests-remaining")).containsExactly("0");
        assertThat(e.getMessage()).contains("rpm-spread", "3 requests per minute");
    }

    @Test
    void anthropic_sdk_sees_remaining_requests_go_down_then_a_rate_limit_exception() {
        AnthropicClient client = anthropic("rpm-anthropic");
        List<String> remaining = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            com.anthropic.core.http.HttpResponseFor<com.anthropic.models.messages.Message> response =
                    client.messages().withRawResponse().create(message("hi"));
            assertThat(response.parse().content()).isNotEmpty();
            assertThat(response.headers().values("anthropic-ratelimit-requests-limit")).containsExactly("2");
            remaining.addAll(response.headers().values("anthropic-ratelimit-requests-remaining"));
        }
        assertThat(remaining).containsExactly("1", "0");

        OffsetDateTime before = OffsetDateTime.now();
        com.anthropic.errors.RateLimitException e = thrown(
                com.anthropic.errors.RateLimitException.class, () -> client.messages().create(message("hi")));

        assertThat(e.statusCode()).isEqualTo(429);
        assertThat(e.errorType()).hasValue(ErrorType.RATE_LIMIT_ERROR);
        assertRetryAfterIsWholeSeconds(e.headers().values("retry-after"), 60);
        assertThat(e.headers().values("anthropic-ratelimit-requests-remaining")).containsExactly("0");
        OffsetDateTime reset = OffsetDateTime.parse(e.headers().values("anthropic-ratelimit-requests-reset").get(0));
        assertThat(reset).isAfter(before).isBefore(before.plusSeconds(62));
        assertThat(e.getMessage()).contains("rpm-anthropic", "2 requests per minute");
    }

    @Test
    void openai_request_whose_usage_exceeds_tokens_per_minute_makes_the_next_wait() {
        OpenAIClient client = openAi("tpm-openai");
        HttpResponseFor<ChatCompletion> first = client.chat().completions().withRawResponse().create(chat(FIVE_WORDS));
        assertThat(first.parse().usage().orElseThrow().totalTokens()).isEqualTo(10);
        assertThat(first.headers().values("x-ratelimit-limit-tokens")).containsExactly("8");
        assertThat(first.headers().values("x-ratelimit-remaining-tokens")).containsExactly("8");
        assertThat(first.headers().values("x-ratelimit-reset-tokens")).containsExactly("0s");

        com.openai.errors.RateLimitException e = thrown(
                com.openai.errors.RateLimitException.class, () -> client.chat().completions().create(chat("hi")));

        assertRetryAfterIsWholeSeconds(e.headers().values("retry-after"), 60);
        assertThat(e.headers().values("x-ratelimit-remaining-tokens")).containsExactly("0");
        assertThat(e.headers().values("x-ratelimit-remaining-requests")).containsExactly("99");
        assertThat(e.getMessage()).contains("8 tokens per minute");
    }

    @Test
    void anthropic_streamed_usage_counts_against_tokens_per_minute() {
        AnthropicClient client = anthropic("tpm-anthropic");
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(message(FIVE_WORDS))) {
            assertThat(stream.stream().filter(RawMessageStreamEvent::isMessageStop).count()).isEqualTo(1);
        }

        com.anthropic.errors.RateLimitException e = thrown(
                com.anthropic.errors.RateLimitException.class, () -> client.messages().create(message("hi")));

        assertRetryAfterIsWholeSeconds(e.headers().values("retry-after"), 60);
        assertThat(e.headers().values("anthropic-ratelimit-tokens-limit")).containsExactly("8");
        assertThat(e.headers().values("anthropic-ratelimit-tokens-remaining")).containsExactly("0");
        assertThat(e.getMessage()).contains("8 tokens per minute");
    }

    @Test
    void embeddings_usage_counts_against_tokens_per_minute() {
        OpenAIClient client = openAi("tpm-embed");
        EmbeddingCreateParams twoInputs = EmbeddingCreateParams.builder()
                .model("probe-embed")
                .inputOfArrayOfStrings(List.of("a", "b"))
                .build();
        assertThat(client.embeddings().create(twoInputs).usage().promptTokens()).isEqualTo(6);

        com.openai.errors.RateLimitException e = thrown(
                com.openai.errors.RateLimitException.class, () -> client.embeddings().create(twoInputs));

        assertThat(e.headers().values("x-ratelimit-remaining-tokens")).containsExactly("0");
    }

    @Test
    void count_tokens_and_embeddings_are_requests_of_the_key_too() {
        com.anthropic.core.http.HttpResponseFor<?> count = anthropic("side-routes").messages().withRawResponse()
                .countTokens(MessageCountTokensParams.builder().model("echo").addUserMessage("hi").build());
        assertThat(count.headers().values("anthropic-ratelimit-requests-remaining")).containsExactly("1");
        HttpResponseFor<?> embeddings = openAi("side-routes").embeddings().withRawResponse().create(
                EmbeddingCreateParams.builder().model("probe-embed").input("a").build());
        assertThat(embeddings.headers().values("x-ratelimit-remaining-requests")).containsExactly("0");

        com.anthropic.errors.RateLimitException e = thrown(
                com.anthropic.errors.RateLimitException.class, () -> anthropic("side-routes").messages().countTokens(
                        MessageCountTokensParams.builder().model("echo").addUserMessage("hi").build()));
        assertThat(e.statusCode()).isEqualTo(429);
    }

    @Test
    void keys_without_limits_get_no_rate_limit_headers() {
        for (String key : List.of("unlimited", "empty-limits")) {
            for (int i = 0; i < 5; i++) {
                HttpResponseFor<ChatCompletion> openAi = openAi(key).chat().completions().withRawResponse().create(chat("hi"));
                assertThat(openAi.headers().names()).as(key).noneMatch(RateLimitSdkTest::isRateLimitHeader);
                com.anthropic.core.http.HttpResponseFor<?> anthropic =
                        anthropic(key).messages().withRawResponse().create(message("hi"));
                assertThat(anthropic.headers().names()).as(key).noneMatch(RateLimitSdkTest::isRateLimitHeader);
            }
        }
    }

    @Test
    void a_gateway_without_keys_sends_no_rate_limit_headers(@TempDir Path dir) throws Exception {
        try (TestGateway open = TestGateway.builder(dir).start()) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(open.url("/v1/chat/completions")))
                            .timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().map().keySet()).noneMatch(RateLimitSdkTest::isRateLimitHeader);
        }
    }

    private static boolean isRateLimitHeader(String name) {
        String lower = name.toLowerCase();
        return lower.startsWith("x-ratelimit-") || lower.startsWith("anthropic-ratelimit-") || lower.equals("retry-after");
    }
}
