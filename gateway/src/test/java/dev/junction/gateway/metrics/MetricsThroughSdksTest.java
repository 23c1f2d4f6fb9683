package dev.junction.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.errors.NotFoundException;
import dev.junction.gateway.support.RawConnection;
import dev.junction.gateway.support.TestGateway;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import dev.junction.gateway.support.PrometheusText;
import dev.junction.gateway.support.Scrapes;

/** What {@code /metrics} shows after the official SDKs used the gateway (with API keys on). */
@Timeout(60)
class MetricsThroughSdksTest {

    private static final String KEY = "sk-team-a";

    private static TestGateway start(Path dir) {
        return TestGateway.builder(dir).auth("  keys:\n    - name: team-a\n      key: " + KEY + "\n").start();
    }

    private static OpenAIClient openAi(TestGateway gateway) {
        return gateway.openAi(KEY);
    }

    @Test
    void counts_requests_latencies_and_tokens_by_dialect_backend_and_route(@TempDir Path dir) {
        try (TestGateway gateway = start(dir)) {
            List<ChatCompletionChunk> chunks;
            try (StreamResponse<ChatCompletionChunk> stream = openAi(gateway).chat().completions().createStreaming(
                    ChatCompletionCreateParams.builder()
                            .model("echo")
                            .addUserMessage("one two three four")
                            .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                            .build())) {
                chunks = stream.stream().toList();
            }
            var streamUsage = chunks.get(chunks.size() - 1).usage().orElseThrow();
            AnthropicClient anthropic = gateway.anthropic(KEY);
            Message message = anthropic.messages().create(MessageCreateParams.builder()
                    .model("echo")
                    .maxTokens(100)
                    .addUserMessage("five six seven")
                    .build());

            PrometheusText text = Scrapes.until(gateway, "both requests", scrape ->
                    scrape.value("junction_requests_total", "backend", "echo") == 2);

            assertThat(text.value("junction_requests_total", "endpoint", "chat_completions", "dialect", "openai",
                    "backend", "echo", "route", "echo", "status_class", "2xx", "outcome", "ok")).isEqualTo(1);
            assertThat(text.value("junction_requests_total", "endpoint", "messages", "dialect", "anthropic",
                    "backend", "echo", "route", "echo", "status_class", "2xx", "outcome", "ok")).isEqualTo(1);
            assertThat(text.value("junction_request_duration_seconds_count", "backend", "echo", "route", "echo")).isEqualTo(2);
            assertThat(text.value("junction_request_duration_seconds_bucket", "backend", "echo", "le", "+Inf")).isEqualTo(2);
            assertThat(text.value("junction_time_to_first_token_seconds_count", "backend", "echo", "route", "echo"))
                    .isEqualTo(2);
            assertThat(text.value("junction_tokens_total", "backend", "echo", "route", "echo", "direction", "input"))
                    .isEqualTo(streamUsage.promptTokens() + message.usage().inputTokens());
            assertThat(text.value("junction_tokens_total", "backend", "echo", "route", "echo", "direction", "output"))
                    .isEqualTo(streamUsage.completionTokens() + message.usage().outputTokens())
                    .isEqualTo(4 + 3);
            assertThat(text.value("junction_backend_up", "backend", "echo")).isEqualTo(1);
            assertThat(text.value("junction_plugins", "plugin", "echo", "state", "started")).isEqualTo(1);

            assertThat(text.names("vertx_http_server_")).as("Vert.x's own HTTP server meters")
                    .contains("vertx_http_server_requests_total", "vertx_http_server_response_time_seconds_count");
            assertThat(text.value("vertx_http_server_requests_total", "method", "POST", "code", "200")).isGreaterThanOrEqualTo(2);
            assertThat(text.find("vertx_http_server_requests_total")).allSatisfy(sample ->
                    assertThat(sample.labels()).doesNotContainKeys("path", "route"));
        }
    }

    /** Vert.x's HTTP server meters by method and code: methods no one knows are one {@code OTHER}, the path never a label. */
    @Test
    void methods_clients_make_up_count_as_other_and_paths_never_become_labels(@TempDir Path dir) throws Exception {
        try (TestGateway gateway = start(dir)) {
            for (int i = 0; i < 20; i++) {
                assertThat(status(gateway.port(), "BREW" + i + " /coffee-" + i, "")).as("answered, not dropped")
                        .isBetween(400, 499);
            }
            assertThat(status(gateway.port(), "GET /no-such-path-" + UUID.randomUUID(), "")).isBetween(400, 499);

            PrometheusText text = Scrapes.until(gateway, "21 requests", scrape ->
                    scrape.value("vertx_http_server_requests_total", "method", "OTHER") == 20
                            && scrape.value("vertx_http_server_requests_total", "method", "GET") >= 1);

            assertThat(text.labelValues("vertx_http_server_requests_total", "method")).containsExactlyInAnyOrder("OTHER", "GET");
            assertThat(text.labelValues("vertx_http_server_active_requests", "method")).doesNotContain("BREW0");
            assertThat(text.value("vertx_http_server_active_requests", "method", "OTHER")).as("all ended").isZero();
            assertThat(text.value("vertx_http_server_active_requests", "method", "GET")).as("the scrape itself").isEqualTo(1);
            assertThat(text.names("vertx_http_server_")).contains(
                    "vertx_http_server_response_time_seconds_count", "vertx_http_server_request_bytes_count",
                    "vertx_http_server_response_bytes_count", "vertx_http_server_active_requests",
                    "vertx_http_server_active_connections", "vertx_http_server_bytes_read_total");
            assertThat(text.find("vertx_http_server_active_connections")).singleElement()
                    .satisfies(sample -> assertThat(sample.labels()).isEmpty());
            assertThat(text.samples().toString()).doesNotContain("coffee", "no-such-path", "BREW");
            assertThat(text.names("vertx_eventbus_")).as("no event-bus meters").isEmpty();
        }
    }

    /** A request refused before its body came (no key) ends there: it is not left active. */
    @Test
    void a_request_refused_before_its_body_came_is_not_left_active(@TempDir Path dir) throws Exception {
        try (TestGateway gateway = start(dir)) {
            for (int i = 0; i < 3; i++) {
                assertThat(status(gateway.port(), "POST /v1/chat/completions",
                        "Content-Type: application/json\r\nContent-Length: 100000\r\n")).isEqualTo(401);
            }

            Scrapes.until(gateway, "3 answers", scrape ->
                    scrape.value("vertx_http_server_requests_total", "method", "POST", "code", "401") == 3);
            Scrapes.until(gateway, "none of them active", scrape ->
                    scrape.value("vertx_http_server_active_requests", "method", "POST") == 0);
        }
    }

    /** The status of the answer to {@code requestLine} and {@code headers} (each line ending in CRLF), sent with no body whatever they announce. */
    private static int status(int port, String requestLine, String headers) throws IOException {
        try (RawConnection connection = RawConnection.open(port)) {
            return connection.send(requestLine + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + "\r\n").read().status();
        }
    }

    @Test
    void model_names_from_clients_never_become_label_values(@TempDir Path dir) {
        try (TestGateway gateway = start(dir)) {
            OpenAIClient client = openAi(gateway);
            List<String> sent = new java.util.ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String unknown = "garbage-" + UUID.randomUUID();
                String explicit = "echo/" + UUID.randomUUID();
                sent.add(unknown);
                sent.add(explicit);
                try {
                    client.chat().completions().create(
                            ChatCompletionCreateParams.builder().model(unknown).addUserMessage("hi").build());
                    throw new AssertionError("an unknown model was served");
                } catch (NotFoundException expected) {
                    // counted under route none
                }
                client.chat().completions().create(
                        ChatCompletionCreateParams.builder().model(explicit).addUserMessage("hi").build());
            }

            PrometheusText text = Scrapes.until(gateway, "100 requests", scrape ->
                    scrape.value("junction_requests_total") == 100);

            assertThat(text.value("junction_requests_total", "backend", "none", "route", "none", "status_class", "4xx",
                    "outcome", "not_found")).isEqualTo(50);
            assertThat(text.value("junction_requests_total", "backend", "echo", "route", "echo/*", "outcome", "ok"))
                    .isEqualTo(50);
            for (String name : text.names("junction_")) {
                assertThat(text.labelValues(name, "route")).as(name).isSubsetOf("none", "echo/*");
                assertThat(text.labelValues(name, "backend")).as(name).isSubsetOf("none", "echo");
            }
            assertThat(text.labelValues("junction_node_info", "node")).containsExactly(gateway.nodeId());
            String raw = text.samples().stream()
                    .filter(sample -> !sample.name().equals("junction_node_info"))
                    .toList()
                    .toString();
            assertThat(sent).allSatisfy(model -> assertThat(raw).doesNotContain(model.substring(model.indexOf('-') + 1)));
            assertThat(raw).as("no ids of requests or event bus addresses (the node's id in its info series alone)")
                    .doesNotContainPattern("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        }
    }
}
