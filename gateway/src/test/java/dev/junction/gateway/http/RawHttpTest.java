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
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the wire carries: bad input in each dialect, SSE framing, health and model shapes. */
@Timeout(60)
class RawHttpTest {

    private static final int BODY_LIMIT = 4096;
    private static final String OPENAI_OK = "{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi there\"}]}";
    private static final String ANTHROPIC_OK =
            "{\"model\":\"echo\",\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"hi there\"}]}";

    private static TestGateway gateway;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start(@TempDir Path dir) {
        gateway = TestGateway.start(
                dir, TestGateway.BUILT_PLUGINS,
                TestGateway.echoBackend()
                        + "  ghost:\n    plugin: no-such-plugin\n    models: [ghost]\n"
                        + "  absent-cli:\n    plugin: claude-code\n    models: [absent]\n"
                        + "    options: {command: /nonexistent/bin/claude}\n",
                "  maxBodyBytes: " + BODY_LIMIT + "\n");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.url(path)))
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.url(path))).timeout(Duration.ofSeconds(20));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static final String OPENAI = "/v1/chat/completions";
    static final String ANTHROPIC = "/v1/messages";

    @ParameterizedTest(name = "{0} {1} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
        /v1/chat/completions        | malformed JSON          | {"model":                                                    | 400
        /v1/chat/completions        | body is an array        | []                                                           | 400
        /v1/chat/completions        | empty body              | ''                                                           | 400
        /v1/chat/completions        | missing model           | {"messages":[{"role":"user","content":"hi"}]}                | 400
        /v1/chat/completions        | empty model             | {"model":"","messages":[{"role":"user","content":"hi"}]}     | 400
        /v1/chat/completions        | model not a string      | {"model":7,"messages":[{"role":"user","content":"hi"}]}      | 400
        /v1/chat/completions        | missing messages        | {"model":"echo"}                                             | 400
        /v1/chat/completions        | empty messages          | {"model":"echo","messages":[]}                               | 400
        /v1/chat/completions        | messages not an array   | {"model":"echo","messages":"hi"}                             | 400
        /v1/chat/completions        | unknown role            | {"model":"echo","messages":[{"role":"wizard","content":"hi"}]} | 400
        /v1/chat/completions        | wrong type temperature  | {"model":"echo","messages":[{"role":"user","content":"hi"}],"temperature":"hot"} | 400
        /v1/chat/completions        | wrong type stream       | {"model":"echo","messages":[{"role":"user","content":"hi"}],"stream":"yes"} | 400
        /openai/v1/chat/completions | unknown model           | {"model":"nope","messages":[{"role":"user","content":"hi"}]} | 404
        /v1/chat/completions        | backend on no node      | {"model":"ghost","messages":[{"role":"user","content":"hi"}]} | 503
        /v1/messages                | malformed JSON          | {"model":                                                    | 400
        /v1/messages                | body is an array        | []                                                           | 400
        /v1/messages                | missing model           | {"max_tokens":5,"messages":[{"role":"user","content":"hi"}]} | 400
        /v1/messages                | model not a string      | {"model":[],"max_tokens":5,"messages":[{"role":"user","content":"hi"}]} | 400
        /v1/messages                | missing messages        | {"model":"echo","max_tokens":5}                              | 400
        /v1/messages                | empty messages          | {"model":"echo","max_tokens":5,"messages":[]}                | 400
        /v1/messages                | unknown role            | {"model":"echo","max_tokens":5,"messages":[{"role":"wizard","content":"hi"}]} | 400
        /v1/messages                | only a system message   | {"model":"echo","max_tokens":5,"messages":[{"role":"system","content":"hi"}]} | 400
        /v1/messages                | wrong type max_tokens   | {"model":"echo","max_tokens":"5","messages":[{"role":"user","content":"hi"}]} | 400
        /anthropic/v1/messages      | wrong type content      | {"model":"echo","max_tokens":5,"messages":[{"role":"user","content":5}]} | 400
        /anthropic/v1/messages      | unknown model           | {"model":"nope","max_tokens":5,"messages":[{"role":"user","content":"hi"}]} | 404
        /anthropic/v1/messages      | backend on no node      | {"model":"ghost","max_tokens":5,"messages":[{"role":"user","content":"hi"}]} | 503
        """)
    void bad_input_gets_a_clear_error_in_the_callers_dialect(String path, String what, String body, int status)
            throws Exception {
        HttpResponse<String> response = post(path, "application/json", body);
        assertThat(response.statusCode()).as(what).isEqualTo(status);
        assertErrorShape(path, response);
    }

    @ParameterizedTest
    @ValueSource(strings = {OPENAI, ANTHROPIC})
    void streaming_failure_before_output_is_a_plain_http_error(String path) throws Exception {
        String body = (path.equals(OPENAI) ? OPENAI_OK : ANTHROPIC_OK).replace("\"echo\"", "\"ghost\"").replace("{", "{\"stream\":true,");
        HttpResponse<String> response = post(path, "application/json", body);
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertErrorShape(path, response);
    }

    @ParameterizedTest
    @CsvSource({OPENAI, ANTHROPIC, "/openai/v1/chat/completions", "/anthropic/v1/messages"})
    void body_over_the_limit_is_413(String path) throws Exception {
        String big = "{\"model\":\"echo\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(BODY_LIMIT) + "\"}]}";
        HttpResponse<String> response = post(path, "application/json", big);
        assertThat(response.statusCode()).isEqualTo(413);
        assertErrorShape(path, response);
    }

    @ParameterizedTest
    @CsvSource({OPENAI, ANTHROPIC})
    void wrong_content_type_is_415(String path) throws Exception {
        HttpResponse<String> response = post(path, "text/plain", OPENAI_OK);
        assertThat(response.statusCode()).isEqualTo(415);
        assertErrorShape(path, response);
        assertThat(post(path, "application/json; charset=utf-8", path.equals(OPENAI) ? OPENAI_OK : ANTHROPIC_OK).statusCode())
                .isEqualTo(200);
    }

    @Test
    void errors_name_the_offending_parameter() throws Exception {
        HttpResponse<String> response = post(OPENAI, "application/json",
                "{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"},{\"role\":\"wizard\",\"content\":\"b\"}]}");
        JsonObject error = new JsonObject(response.body()).getJsonObject("error");
        assertThat(error.getString("param")).contains("messages").contains("1").contains("role");
    }

    @Test
    void anthropic_stream_has_the_exact_event_sequence_with_ping() throws Exception {
        HttpResponse<String> response = post(ANTHROPIC, "application/json", ANTHROPIC_OK.replace("{", "{\"stream\":true,"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        assertThat(eventNames(response.body())).containsExactly(
                "message_start", "content_block_start", "ping", "content_block_delta", "content_block_delta",
                "content_block_stop", "message_delta", "message_stop");
        assertThat(response.body()).contains("\"stop_reason\":\"end_turn\"");
    }

    @Test
    void openai_stream_ends_with_done() throws Exception {
        HttpResponse<String> response = post(OPENAI, "application/json", OPENAI_OK.replace("{", "{\"stream\":true,"));
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> data = dataLines(response.body());
        assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
        assertThat(data).hasSize(5); // role, "hi", " there", finish, [DONE]
        assertThat(data).noneMatch(line -> line.contains("\"usage\":{"));
    }

    @Test
    void models_answer_in_the_anthropic_shape_when_anthropic_version_is_sent() throws Exception {
        JsonObject anthropic = new JsonObject(get("/v1/models", "anthropic-version", "2023-06-01").body());
        assertThat(anthropic.getJsonArray("data").getJsonObject(0).getString("type")).isEqualTo("model");
        assertThat(anthropic.getBoolean("has_more")).isFalse();
        JsonObject openai = new JsonObject(get("/v1/models").body());
        assertThat(openai.getString("object")).isEqualTo("list");
        assertThat(openai.getJsonArray("data").getJsonObject(0).getString("owned_by")).isEqualTo("echo");
    }

    @Test
    void health_reports_each_backend_with_the_reason_it_is_unavailable() throws Exception {
        HttpResponse<String> response = get("/health");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject health = new JsonObject(response.body());
        assertThat(health.getString("status")).isEqualTo("ok");
        JsonObject echo = health.getJsonObject("backends").getJsonObject("echo");
        assertThat(echo.getString("plugin")).isEqualTo("echo");
        assertThat(echo.getString("status")).isEqualTo("available");
        JsonObject ghost = health.getJsonObject("backends").getJsonObject("ghost");
        assertThat(ghost.getString("status")).isEqualTo("unavailable");
        assertThat(ghost.getString("reason")).contains("no-such-plugin").contains("not installed");
    }

    @Test
    void a_cli_that_is_not_installed_is_unavailable_with_its_install_command() throws Exception {
        JsonObject health = new JsonObject(get("/health").body()).getJsonObject("backends").getJsonObject("absent-cli");
        assertThat(health.getString("plugin")).isEqualTo("claude-code");
        assertThat(health.getString("status")).isEqualTo("unavailable");
        assertThat(health.getString("reason")).contains("/nonexistent/bin/claude").contains("npm install -g @anthropic-ai/claude-code");

        HttpResponse<String> openai = post(OPENAI, "application/json", OPENAI_OK.replace("\"echo\"", "\"absent\""));
        assertThat(openai.statusCode()).isEqualTo(503);
        assertErrorShape(OPENAI, openai);
        assertThat(openai.body()).contains("npm install -g @anthropic-ai/claude-code");
        HttpResponse<String> anthropic = post(ANTHROPIC, "application/json",
                ANTHROPIC_OK.replace("\"echo\"", "\"absent\"").replace("{", "{\"stream\":true,"));
        assertThat(anthropic.statusCode()).isEqualTo(503);
        assertErrorShape(ANTHROPIC, anthropic);
    }

    @Test
    void the_base_url_answers_probes_with_200() throws Exception {
        HttpResponse<String> get = get("/");
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(get.body()).getString("openai")).isEqualTo("/v1");
        HttpResponse<Void> head = HTTP.send(
                HttpRequest.newBuilder(URI.create(gateway.url("/"))).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(head.statusCode()).isEqualTo(200);
    }

    @Test
    void unknown_endpoints_are_404_in_the_dialect_of_their_path() throws Exception {
        HttpResponse<String> openai = get("/v1/nothing-here");
        assertThat(openai.statusCode()).isEqualTo(404);
        assertErrorShape(OPENAI, openai);
        HttpResponse<String> anthropic = get("/anthropic/v1/nothing-here");
        assertThat(anthropic.statusCode()).isEqualTo(404);
        assertErrorShape(ANTHROPIC, anthropic);
    }

    private static void assertErrorShape(String path, HttpResponse<String> response) {
        JsonObject body = new JsonObject(response.body());
        if (path.contains("messages")) {
            assertThat(body.getString("type")).isEqualTo("error");
            assertThat(body.getJsonObject("error").getString("type")).isNotBlank();
            assertThat(body.getJsonObject("error").getString("message")).isNotBlank();
        } else {
            assertThat(body.getJsonObject("error").getString("message")).isNotBlank();
            assertThat(body.getJsonObject("error").getString("type")).isNotBlank();
        }
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private static List<String> eventNames(String sse) {
        return matches(Pattern.compile("^event: (.+)$", Pattern.MULTILINE), sse);
    }

    private static List<String> dataLines(String sse) {
        return matches(Pattern.compile("^data: (.+)$", Pattern.MULTILINE), sse);
    }

    private static List<String> matches(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        List<String> found = new java.util.ArrayList<>();
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
