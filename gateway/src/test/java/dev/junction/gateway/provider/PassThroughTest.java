package dev.junction.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.core.http.StreamResponse;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.gateway.cli.FakeOpenAiChat;
import dev.junction.gateway.cli.StubReply;
import dev.junction.gateway.provider.FakeProvider.Received;
import dev.junction.gateway.provider.FakeProvider.Reply;
import dev.junction.gateway.support.PrometheusText;
import dev.junction.gateway.support.Scrapes;
import dev.junction.gateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Same-dialect pass-through: an OpenAI client whose model routes to the openai plugin gets the
 * upstream's bytes exactly (the openai plugin's golden streams, a whole completion), the usage-only
 * chunk left out when it did not ask for it, and the upstream gets the client's bytes with only the
 * model mapped, the token limit under the name OpenAI's API reads and the usage asked for. Every
 * policy holds on the way: keys, token limits counted from the relayed usage, metrics, the access
 * log, a retry before the first byte, a fallback to a backend of another dialect (which decodes the
 * request then), a client leaving mid-stream.
 */
@Timeout(60)
class PassThroughTest {

    static final Path STREAMS = Path.of("../plugins/openai/src/test/resources/golden/streams");
    private static final String KEY = "sk-client";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final BlockingQueue<String> ACCESS = new LinkedBlockingQueue<>();
    private static FakeProvider openAi;
    private static FakeProvider anthropic;
    private static FakeOpenAiChat paced;
    private static TestGateway gateway;

    @BeforeAll
    static void start(@TempDir Path dir) {
        openAi = FakeProvider.start();
        anthropic = FakeProvider.start();
        paced = FakeOpenAiChat.start();
        gateway = TestGateway.builder(dir)
                .accessLog(ACCESS::add)
                .auth("  keys:\n"
                        + "    - {name: client, key: " + KEY + "}\n"
                        + "    - {name: metered, key: sk-metered, limits: {tokensPerMinute: 10}}\n")
                .backends("  relay:\n    plugin: openai\n    models: [\"gpt-*\"]\n"
                        + "    options: {baseUrl: \"" + openAi.baseUrl() + "/v1\", apiKey: " + ProviderGateway.OPENAI_KEY
                        + ", flavor: openai, modelMap: {gpt-mapped: gpt-4o-2024-08-06}}\n"
                        + "    retries: {attempts: 1, initialBackoffMillis: 1, maxBackoffMillis: 5}\n"
                        + "    circuitBreaker: {failures: 0}\n"
                        + "    fallbacks: [\"claude/claude-sonnet-4-5\"]\n"
                        + "  claude:\n    plugin: anthropic\n    models: [\"claude-*\"]\n"
                        + "    options: {baseUrl: \"" + anthropic.baseUrl() + "\", apiKey: " + ProviderGateway.ANTHROPIC_KEY
                        + ", maxTokens: 1000}\n"
                        + "    retries: {attempts: 0}\n    circuitBreaker: {failures: 0}\n"
                        + "  paced:\n    plugin: openai\n    models: [\"paced-*\"]\n"
                        + "    options: {baseUrl: \"" + paced.baseUrl() + "/v1\"}\n")
                .start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        openAi.close();
        anthropic.close();
        paced.close();
    }

    @BeforeEach
    void reset() {
        openAi.reset();
        anthropic.reset();
    }

    @Test
    void a_stream_reaches_the_client_byte_for_byte_without_the_usage_chunk_it_did_not_ask_for() throws Exception {
        String recorded = Files.readString(STREAMS.resolve("text.sse"));
        openAi.reply(Reply.sse(events(recorded)));
        String body = "{\"model\": \"gpt-4o-mini\", \"stream\": true, \"temperature\": 0.5,\n"
                + " \"messages\": [{\"role\": \"user\", \"content\": \"Hi \\u00e9\"}], \"logprobs\": false}";

        HttpResponse<String> response = post(KEY, body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream; charset=utf-8");
        assertThat(response.body()).isEqualTo(withoutUsageChunk(recorded));
        assertThat(openAi.only().body()).isEqualTo("{\"stream_options\":{\"include_usage\":true}," + body.substring(1));
        assertThat(accessLine(response)).containsEntry("inputTokens", 9).containsEntry("outputTokens", 8)
                .containsEntry("backend", "relay").containsEntry("status", 200).containsEntry("outcome", "ok");
    }

    @Test
    void a_stream_whose_client_asked_for_the_usage_is_the_upstreams_exactly_and_its_body_goes_unchanged() throws Exception {
        String recorded = Files.readString(STREAMS.resolve("tool-calls-parallel.sse"));
        openAi.reply(Reply.sse(events(recorded)));
        String body = "{\"model\":\"gpt-4.1\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris and Rome?\"}],"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":{}}}]}";

        HttpResponse<String> response = post(KEY, body);

        assertThat(response.body()).isEqualTo(recorded);
        assertThat(openAi.only().body()).isEqualTo(body);
    }

    @Test
    void a_whole_answer_is_the_upstreams_body_and_the_model_map_is_spliced_into_the_request() throws Exception {
        String completion = "{\n  \"id\": \"chatcmpl-9\",\n  \"object\": \"chat.completion\",\n  \"created\": 1767225600,\n"
                + "  \"model\": \"gpt-4o-2024-08-06\",\n  \"choices\": [{\"index\": 0, \"message\": {\"role\": \"assistant\","
                + " \"content\": \"Bonjour.\", \"refusal\": null}, \"logprobs\": null, \"finish_reason\": \"stop\"}],\n"
                + "  \"usage\": {\"prompt_tokens\": 11, \"completion_tokens\": 2, \"total_tokens\": 13},\n"
                + "  \"system_fingerprint\": \"fp_1\"\n}\n";
        openAi.reply(new Reply(200, Map.of("content-type", "application/json"), List.of(completion)));
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"Bonjour?\"}],\"model\":\"gpt-mapped\",\"max_tokens\":20}";

        HttpResponse<String> response = post(KEY, body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(completion);
        assertThat(openAi.only().body()).isEqualTo(
                "{\"messages\":[{\"role\":\"user\",\"content\":\"Bonjour?\"}],\"model\":\"gpt-4o-2024-08-06\","
                        + "\"max_completion_tokens\":20}");
        assertThat(accessLine(response)).containsEntry("inputTokens", 11).containsEntry("outputTokens", 2);
    }

    @Test
    void the_sdk_reads_a_relayed_stream_and_a_relayed_completion() throws Exception {
        String recorded = Files.readString(STREAMS.resolve("text.sse"));
        openAi.reply(Reply.sse(events(recorded)));
        ChatCompletionCreateParams params =
                ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage("Hi").build();

        StringBuilder text = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream =
                gateway.openAi(KEY).chat().completions().createStreaming(params)) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(choice -> choice.delta().content().ifPresent(text::append)));
        }
        assertThat(text).hasToString("Hello! How can I help?");

        openAi.reply(Reply.json(200, AnthropicClientToOpenAiTest.completion("A cat.")));
        ChatCompletion completion = gateway.openAi(KEY).chat().completions().create(params);
        assertThat(completion.choices().get(0).message().content()).contains("A cat.");
    }

    @Test
    void a_bad_key_is_refused_before_anything_goes_upstream() throws Exception {
        HttpResponse<String> response = post("sk-wrong", "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(new JsonObject(response.body()).getJsonObject("error").getString("code")).isEqualTo("invalid_api_key");
        assertThat(openAi.received()).isEmpty();
    }

    @Test
    void tokens_of_a_relayed_answer_count_against_the_keys_limit() throws Exception {
        String recorded = Files.readString(STREAMS.resolve("text.sse"));
        openAi.reply(Reply.sse(events(recorded)));
        String body = "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}";

        HttpResponse<String> first = post("sk-metered", body);
        assertThat(first.statusCode()).isEqualTo(200);
        accessLine(first); // the answer has ended: its 17 tokens are counted

        assertThatThrownBy(() -> gateway.openAi("sk-metered").chat().completions()
                        .create(ChatCompletionCreateParams.builder().model("gpt-4o").addUserMessage("x").build()))
                .isInstanceOf(RateLimitException.class)
                .hasMessageContaining("tokens per minute");
        assertThat(openAi.received()).hasSize(1);
    }

    @Test
    void a_relayed_answer_is_counted_in_the_metrics() throws Exception {
        double before = tokens(Scrapes.scrape(gateway), "input");
        openAi.reply(Reply.sse(events(Files.readString(STREAMS.resolve("text.sse")))));

        post(KEY, "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

        Scrapes.until(gateway, "the relayed input tokens counted", scrape -> tokens(scrape, "input") == before + 9);
    }

    @Test
    void an_upstream_503_before_the_first_byte_is_retried_and_the_client_sees_only_the_answer() throws Exception {
        String recorded = Files.readString(STREAMS.resolve("text.sse"));
        openAi.reply(
                Reply.json(503, new JsonObject().put("error", new JsonObject().put("message", "busy").put("type", "server_error"))),
                Reply.sse(events(recorded)));
        String body = "{\"model\":\"gpt-4o\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}";

        HttpResponse<String> response = post(KEY, body);

        assertThat(response.body()).isEqualTo(recorded);
        assertThat(openAi.received()).extracting(Received::body).containsExactly(body, body);
        assertThat(accessLine(response)).containsEntry("retries", 1).containsEntry("backend", "relay");
    }

    @Test
    void a_fallback_to_a_backend_of_another_dialect_decodes_the_request_and_answers_in_the_clients_dialect() throws Exception {
        JsonObject busy = new JsonObject().put("error", new JsonObject().put("message", "busy").put("type", "server_error"));
        openAi.reply(Reply.json(503, busy), Reply.json(503, busy));
        anthropic.reply(Reply.sse(OpenAiClientToAnthropicTest.text("From Claude.")));

        ChatCompletion completion = gateway.openAi(KEY).chat().completions().create(
                ChatCompletionCreateParams.builder().model("gpt-4o").addUserMessage("Who?").build());

        assertThat(completion.choices().get(0).message().content()).contains("From Claude.");
        JsonObject sent = anthropic.only().json();
        assertThat(sent.getString("model")).isEqualTo("claude-sonnet-4-5");
        assertThat(sent.getJsonArray("messages").getJsonObject(0).getValue("content").toString()).contains("Who?");
        assertThat(accessLine(line -> "claude".equals(line.get("backend")))).containsEntry("fallbackFrom", "relay");
    }

    @Test
    void a_client_that_leaves_mid_stream_closes_the_upstream_request() throws Exception {
        paced.reply(StubReply.slow(600, Duration.ofMillis(50)));
        String body = "{\"model\":\"paced-1\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}";

        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                            + KEY + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8));
            InputStream in = socket.getInputStream();
            StringBuilder seen = new StringBuilder();
            byte[] buffer = new byte[4096];
            while (!seen.toString().contains(" tick")) {
                int read = in.read(buffer);
                assertThat(read).as("the stream so far: %s", seen).isPositive();
                seen.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
            }
            assertThat(paced.openStreams()).isEqualTo(1);
        }

        paced.noOpenStreams().get(10, TimeUnit.SECONDS);
        assertThat(accessLine(line -> "paced".equals(line.get("backend")))).containsEntry("outcome", "cancelled");
    }

    @Test
    void a_request_the_decoder_would_refuse_is_not_relayed() throws Exception {
        HttpResponse<String> response = post(KEY, "{\"model\":\"gpt-4o\",\"n\":2,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("only n = 1 is supported");
        assertThat(openAi.received()).isEmpty();
    }

    /** The recorded stream's events, each written on its own as the upstream would. */
    static List<String> events(String recorded) {
        List<String> events = new ArrayList<>();
        for (String event : recorded.split("(?<=\n\n)")) {
            events.add(event);
        }
        return events;
    }

    /** {@code recorded} without its usage-only chunk ({@code "choices":[]}). */
    static String withoutUsageChunk(String recorded) {
        return events(recorded).stream()
                .filter(event -> !event.contains("\"choices\":[]"))
                .collect(Collectors.joining());
    }

    private static HttpResponse<String> post(String key, String body) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(gateway.url("/v1/chat/completions")))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** The access log line of the request {@code response} answers (by its {@code X-Request-Id}). */
    private static Map<String, Object> accessLine(HttpResponse<?> response) throws InterruptedException {
        String id = response.headers().firstValue("x-request-id").orElseThrow();
        return accessLine(line -> id.equals(line.get("requestId")));
    }

    /** The next access log line {@code which} picks, waiting up to 10 s for it (the lines of earlier tests may still come). */
    private static Map<String, Object> accessLine(Predicate<Map<String, Object>> which) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            String line = ACCESS.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertThat(line).as("an access log line").isNotNull();
            Map<String, Object> fields = new JsonObject(line).getMap();
            if (which.test(fields)) {
                return fields;
            }
        }
    }

    private static double tokens(PrometheusText scrape, String direction) {
        return scrape.value("junction_tokens_total", "backend", "relay", "direction", direction);
    }
}
