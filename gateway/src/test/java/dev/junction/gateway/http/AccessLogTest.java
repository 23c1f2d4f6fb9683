package dev.junction.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** One access log line per request, with the request id, tokens and outcome; never the prompt. */
@Timeout(60)
class AccessLogTest {

    private static final String PROMPT = "tell me about the purple walrus";
    private static final BlockingQueue<String> LINES = new LinkedBlockingQueue<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static TestGateway gateway;

    @BeforeAll
    static void start(@TempDir Path dir) {
        gateway = TestGateway.start(dir, TestGateway.BUILT_PLUGINS, TestGateway.echoBackend(), "", LINES::add);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static HttpResponse<String> post(String path, String requestId, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.url(path)))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer sk-secret-key")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The line of request {@code id}, waiting for it (lines are written as responses end). */
    private static JsonObject lineOf(String id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            String line = LINES.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                assertThat(line).doesNotContain(PROMPT).doesNotContain("purple").doesNotContain("sk-secret-key");
                JsonObject json = new JsonObject(line);
                if (id.equals(json.getString("requestId"))) {
                    return json;
                }
            }
        }
        throw new AssertionError("no access log line for " + id);
    }

    private static String openAi(String model, boolean stream) {
        return new JsonObject()
                .put("model", model)
                .put("stream", stream)
                .put("messages", new io.vertx.core.json.JsonArray()
                        .add(new JsonObject().put("role", "user").put("content", PROMPT)))
                .encode();
    }

    @Test
    void logs_a_non_streamed_request_with_tokens() throws Exception {
        HttpResponse<String> response = post("/v1/chat/completions", "req-json-1", openAi("echo", false));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("req-json-1");
        JsonObject line = lineOf("req-json-1");
        assertThat(line.getString("dialect")).isEqualTo("openai");
        assertThat(line.getString("method")).isEqualTo("POST");
        assertThat(line.getString("path")).isEqualTo("/v1/chat/completions");
        assertThat(line.getString("model")).isEqualTo("echo");
        assertThat(line.getString("backend")).isEqualTo("echo");
        assertThat(line.getInteger("status")).isEqualTo(200);
        assertThat(line.getString("outcome")).isEqualTo("ok");
        assertThat(line.getInteger("inputTokens")).isPositive();
        assertThat(line.getInteger("outputTokens")).isPositive();
        assertThat(line.getLong("ttftMs")).isNotNull().isLessThanOrEqualTo(line.getLong("durationMs"));
        assertThat(line.containsKey("key")).isTrue();
        assertThat(line.getString("key")).isNull();
        assertThat(line.getString("ts")).isNotBlank();
    }

    @Test
    void logs_a_streamed_request_with_tokens() throws Exception {
        String body = "{\"model\":\"echo\",\"max_tokens\":50,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}";
        HttpResponse<String> response = post("/v1/messages", "req-sse-1", body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("message_stop");
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("req-sse-1");
        JsonObject line = lineOf("req-sse-1");
        assertThat(line.getString("dialect")).isEqualTo("anthropic");
        assertThat(line.getString("backend")).isEqualTo("echo");
        assertThat(line.getString("outcome")).isEqualTo("ok");
        assertThat(line.getInteger("inputTokens")).isPositive();
        assertThat(line.getInteger("outputTokens")).isPositive();
        assertThat(line.getLong("ttftMs")).isNotNull();
    }

    @Test
    void logs_an_unknown_model_as_not_found() throws Exception {
        HttpResponse<String> response = post("/v1/chat/completions", "req-404", openAi("no-such-model", false));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("req-404");
        JsonObject line = lineOf("req-404");
        assertThat(line.getInteger("status")).isEqualTo(404);
        assertThat(line.getString("outcome")).isEqualTo("not_found");
        assertThat(line.getString("model")).isEqualTo("no-such-model");
        assertThat(line.getString("backend")).isNull();
    }

    @Test
    void replaces_an_invalid_request_id() throws Exception {
        HttpResponse<String> response = post("/v1/chat/completions", "bad id with spaces/" + "x".repeat(10), openAi("echo", false));

        String id = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(id).matches("[0-9a-f]{32}");
        assertThat(lineOf(id).getString("outcome")).isEqualTo("ok");
    }

    @Test
    void makes_a_request_id_when_none_is_given() throws Exception {
        HttpResponse<String> response = post("/v1/nowhere", null, "{}");

        assertThat(response.statusCode()).isEqualTo(404);
        String id = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(id).matches("[0-9a-f]{32}");
        assertThat(lineOf(id).getString("outcome")).isEqualTo("not_found");
    }

    @Test
    void a_too_long_request_id_is_replaced() throws Exception {
        String tooLong = "a".repeat(129);
        HttpResponse<String> response = post("/v1/chat/completions", tooLong, openAi("echo", false));

        assertThat(response.headers().firstValue("X-Request-Id").orElseThrow()).isNotEqualTo(tooLong).hasSize(32);
    }
}
