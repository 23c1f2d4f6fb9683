package dev.junction.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.Model;
import com.openai.core.JsonValue;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.gateway.support.RawHttp;
import dev.junction.gateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Malformed and hostile requests get a short 4xx in the dialect of their path, never a 500, a stack
 * trace or a library's class name: broken HTTP framing (raw sockets), unknown methods and paths,
 * lenient or oversized JSON, invalid UTF-8, 8 MB values echoed back; and a body up to
 * {@code maxBodyBytes} is accepted whatever the length of one of its strings.
 */
@Timeout(120)
class HostileInputTest {

    private static final int MAX_BODY = 32 * 1024 * 1024;
    private static final String HOSTILE = "m".repeat(8 * 1024 * 1024);
    private static final BlockingQueue<String> LINES = new LinkedBlockingQueue<>();
    private static TestGateway gateway;

    @BeforeAll
    static void start(@TempDir Path dir) {
        gateway = TestGateway.builder(dir)
                .plugins(TestGateway.BUILT_PLUGINS)
                .backends(TestGateway.echoBackend())
                .server("  maxBodyBytes: " + MAX_BODY + "\n")
                .accessLog(LINES::add)
                .start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static final String CHUNKED = "POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n%s\r\n{}\r\n0\r\n\r\n";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        no Host on HTTP/1.1         | GET /v1/models HTTP/1.1\\r\\n\\r\\n                                           | 400
        no Host, Anthropic path     | POST /v1/messages HTTP/1.1\\r\\nContent-Length: 2\\r\\n\\r\\n{}                | 400
        chunk size zz               | CHUNKED /v1/chat/completions zz                                               | 400
        chunk size -5               | CHUNKED /v1/messages -5                                                       | 400
        chunk size 2^64-1           | CHUNKED /v1/chat/completions ffffffffffffffff                                 | 400
        20 KB chunk extension       | CHUNKED /v1/messages 2;ext=EXTENSION                                          | 400
        bad HTTP version            | GET /v1/models HTTP/x.y\\r\\nHost: 127.0.0.1\\r\\n\\r\\n                                 | 400
        not HTTP at all             | BLAH\\r\\n\\r\\n                                                              | 400
        header without a colon      | GET /v1/models HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nno colon here\\r\\n\\r\\n                 | 400
        unknown Expect              | POST /v1/messages HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nExpect: 200-ok\\r\\nContent-Type: application/json\\r\\nContent-Length: 2\\r\\n\\r\\n{} | 417
        """)
    void broken_framing_is_a_short_4xx_and_the_connection_closes(String what, String request, int status) {
        String wire = request.startsWith("CHUNKED ")
                ? CHUNKED.formatted(request.split(" ")[1], request.split(" ")[2].replace("EXTENSION", "x".repeat(20_000)))
                : request.replace("\\r\\n", "\r\n");
        String errors = stderrDuring(() -> {
            RawHttp.Exchange exchange = RawHttp.send(gateway.port(), wire, 20_000);
            assertThat(exchange.status()).as(what).isEqualTo(status);
            assertThat(exchange.closed()).as("connection closed").isTrue();
            assertThat(exchange.response()).hasSizeLessThan(1000);
            assertCleanError(wire.contains("/v1/messages") ? "anthropic" : "openai", exchange.body());
        });
        assertThat(errors).doesNotContain("ERROR").doesNotContain("\tat ");
    }

    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @CsvSource({
        "GET,    /v1/messages,                405, anthropic",
        "GET,    /V1/MESSAGES,                404, anthropic",
        "POST,   /v1/Messages,                404, anthropic",
        "GET,    /v1/messages/count_tokens,   405, anthropic",
        "DELETE, /anthropic/v1/messages,      405, anthropic",
        "GET,    /anthropic/v1/nothing,       404, anthropic",
        "GET,    /ANTHROPIC/V1/MODELS,        404, anthropic",
        "GET,    /v1/chat/completions,        405, openai",
        "PUT,    /v1/models,                  405, openai",
        "POST,   /openai/v1/models/echo,      405, openai",
        "GET,    /v1/nothing,                 404, openai",
        "GET,    /openai/v2,                  404, openai",
    })
    void unknown_methods_and_paths_answer_in_the_dialect_of_their_family(
            String method, String path, int status, String dialect) {
        String body = method.equals("GET") ? "" : "{}";
        RawHttp.Exchange exchange = RawHttp.send(gateway.port(), method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body,
                20_000);
        assertThat(exchange.status()).isEqualTo(status);
        assertCleanError(dialect, exchange.body());
        if (status == 405) {
            assertThat(exchange.response().toLowerCase()).containsPattern("allow: (get|post)");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
        /v1/chat/completions | duplicate key     | {"model":"echo","model":"echo","messages":[]}               | key 'model' twice
        /v1/messages         | duplicate key     | {"model":"echo","max_tokens":5,"max_tokens":6,"messages":[]} | key 'max_tokens' twice
        /v1/chat/completions | comment           | {"model":"echo", /* hi */ "messages":[]}                    | comments are not allowed
        /v1/messages         | comment           | {"model":"echo", // hi\\n "max_tokens":5,"messages":[]}      | comments are not allowed
        /v1/chat/completions | 1e400             | {"model":"echo","temperature":1e400,"messages":[]}          | 'temperature' (1e400) is too large
        /v1/messages         | 1e400             | {"model":"echo","max_tokens":5,"temperature":-1e400}        | 'temperature'
        /v1/chat/completions | NaN               | {"model":"echo","temperature":NaN,"messages":[]}            | 'temperature'
        /v1/messages         | Infinity          | {"model":"echo","temperature":Infinity}                     | 'temperature'
        /v1/chat/completions | long number       | {"model":"echo","n":NUMBER}                                 | longer than 100 characters
        /v1/messages         | deep nesting      | {"model":"echo","metadata":DEEP}                            | nests deeper than 100 levels
        /v1/chat/completions | deep nesting      | DEEP                                                        | nests deeper than 100 levels
        /v1/messages         | long key          | {"KEY":1}                                                   | longer than 10000 characters
        /v1/messages         | hostile role      | {"model":"echo","max_tokens":5,"messages":[{"role":"user","content":[{"type":"HOSTILE"}]}]} | (8388608 characters)
        /v1/chat/completions | hostile role      | {"model":"echo","messages":[{"role":"HOSTILE","content":"hi"}]} | (8388608 characters)
        """)
    void lenient_or_oversized_json_is_a_400_with_our_own_message(String path, String what, String body, String message) {
        String json = body.replace("\\n", "\n")
                .replace("NUMBER", "9".repeat(10_000))
                .replace("DEEP", "[".repeat(5000) + "]".repeat(5000))
                .replace("KEY", "k".repeat(1_000_000))
                .replace("HOSTILE", HOSTILE);
        RawHttp.Exchange exchange = post(path, json.getBytes(StandardCharsets.UTF_8));
        assertThat(exchange.status()).as(what).isEqualTo(400);
        String dialect = path.contains("messages") ? "anthropic" : "openai";
        assertCleanError(dialect, exchange.body());
        assertThat(message(dialect, exchange.body())).contains(message);
    }

    @Test
    void an_overlong_utf8_slash_is_refused_not_read_as_a_slash() {
        byte[] control = "{\"model\":\"echo/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(post("/v1/chat/completions", control).status()).isEqualTo(200);
        byte[] overlong = control.clone();
        int slash = new String(control, StandardCharsets.ISO_8859_1).indexOf('/');
        byte[] body = new byte[control.length + 1];
        System.arraycopy(control, 0, body, 0, slash);
        body[slash] = (byte) 0xC0;
        body[slash + 1] = (byte) 0xAF;
        System.arraycopy(overlong, slash + 1, body, slash + 2, control.length - slash - 1);
        RawHttp.Exchange refused = post("/v1/chat/completions", body);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(message("openai", refused.body())).contains("not valid UTF-8");

        for (String path : new String[] {"/v1%C0%AFmodels", "/v1/models/echo%C0%AFecho", "/v1\u00C0\u00AFmodels"}) {
            RawHttp.Exchange exchange = RawHttp.send(gateway.port(), "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", 20_000);
            assertThat(exchange.status()).as(path).isIn(400, 404);
        }
    }

    @Test
    void a_string_of_21_million_characters_under_the_body_limit_is_accepted() {
        String image = "A".repeat(21_000_000);
        String json = "{\"model\":\"echo\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"" + image + "\"}},"
                + "{\"type\":\"text\",\"text\":\"describe it\"}]}]}";
        RawHttp.Exchange exchange = post("/v1/messages", json.getBytes(StandardCharsets.US_ASCII));
        assertThat(exchange.status()).as(exchange.body()).isEqualTo(200);
        assertThat(exchange.body()).contains("describe it");
    }

    @Test
    void an_8_mb_model_name_gets_a_short_404_from_each_sdk_and_a_short_log_line() throws Exception {
        assertThatThrownBy(() -> gateway.openAi("test-key").chat().completions().create(ChatCompletionCreateParams.builder()
                        .model(HOSTILE)
                        .addUserMessage("hi")
                        .build()))
                .isInstanceOf(com.openai.errors.NotFoundException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(1000).contains("(8388608 characters)"));
        assertThatThrownBy(() -> gateway.anthropic("test-key").messages().create(MessageCreateParams.builder()
                        .model(Model.of(HOSTILE))
                        .maxTokens(5)
                        .addUserMessage("hi")
                        .build()))
                .isInstanceOf(com.anthropic.errors.NotFoundException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(1000).contains("(8388608 characters)"));

        RawHttp.Exchange raw = post("/v1/chat/completions",
                ("{\"model\":\"" + HOSTILE + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").getBytes(StandardCharsets.UTF_8));
        assertThat(raw.status()).isEqualTo(404);
        assertThat(raw.body()).hasSizeLessThan(1000);
        RawHttp.Exchange byPath = RawHttp.send(gateway.port(),
                "GET /v1/models/" + "m".repeat(3000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", 20_000);
        assertThat(byPath.status()).isEqualTo(404);
        assertThat(byPath.body()).hasSizeLessThan(1000);

        String line = LINES.poll(10, TimeUnit.SECONDS);
        while (line != null && !line.contains("\"model\":\"mmmm")) {
            line = LINES.poll(10, TimeUnit.SECONDS);
        }
        assertThat(line).isNotNull().hasSizeLessThan(1000).contains("(8388608 characters)");
    }

    @Test
    void nesting_too_deep_is_a_bad_request_exception_in_each_sdk() {
        Map<String, Object> deep = new HashMap<>();
        Map<String, Object> inner = deep;
        for (int i = 0; i < 150; i++) {
            Map<String, Object> next = new HashMap<>();
            inner.put("a", next);
            inner = next;
        }
        assertThatThrownBy(() -> gateway.openAi("test-key").chat().completions().create(ChatCompletionCreateParams.builder()
                        .model("echo")
                        .addUserMessage("hi")
                        .putAdditionalBodyProperty("metadata", JsonValue.from(deep))
                        .build()))
                .isInstanceOf(com.openai.errors.BadRequestException.class)
                .hasMessageContaining("nests deeper than 100 levels");
        assertThatThrownBy(() -> gateway.anthropic("test-key").messages().create(MessageCreateParams.builder()
                        .model(Model.of("echo"))
                        .maxTokens(5)
                        .addUserMessage("hi")
                        .putAdditionalBodyProperty("metadata", com.anthropic.core.JsonValue.from(deep))
                        .build()))
                .isInstanceOf(com.anthropic.errors.BadRequestException.class)
                .hasMessageContaining("nests deeper than 100 levels");
    }

    private static RawHttp.Exchange post(String path, byte[] body) {
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                        + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(head);
        request.writeBytes(body);
        return RawHttp.send(gateway.port(), request.toByteArray(), 60_000);
    }

    /** The error's message in {@code dialect}'s shape (which this checks), read as UTF-8. */
    private static String message(String dialect, String isoBody) {
        JsonObject body = new JsonObject(new String(isoBody.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
        if (dialect.equals("anthropic")) {
            assertThat(body.getString("type")).isEqualTo("error");
        } else {
            assertThat(body.containsKey("type")).isFalse();
        }
        return body.getJsonObject("error").getString("message");
    }

    private static void assertCleanError(String dialect, String body) {
        assertCleanMessage(message(dialect, body));
        assertThat(body).hasSizeLessThan(1000).doesNotContain("Exception").doesNotContain("\tat ");
    }

    /** What the gateway wrote to standard error (its log) while {@code action} ran. */
    private static String stderrDuring(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    /** What no error message may name. */
    static void assertCleanMessage(String message) {
        assertThat(message)
                .doesNotContain("StreamRead")
                .doesNotContain("Feature")
                .doesNotContain("com.fasterxml")
                .doesNotContain("io.vertx")
                .doesNotContain("java.")
                .doesNotContain("`")
                .hasSizeLessThan(1000);
    }
}
