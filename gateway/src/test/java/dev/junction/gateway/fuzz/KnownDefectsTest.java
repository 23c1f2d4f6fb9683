package dev.junction.gateway.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.fuzz.RawHttp.Outcome;
import dev.junction.gateway.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile requests of issue 10, one row each, against a keyless gateway with the default body
 * limit: each must get its status, and keep the fuzzer's {@link Invariants} (dialect, no internals,
 * short errors), so that each defect stays fixed.
 */
@Timeout(120)
class KnownDefectsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final BlockingQueue<String> ACCESS_LINES = new LinkedBlockingQueue<>();
    private static TestGateway gateway;

    @BeforeAll
    static void start(@TempDir Path dir) {
        gateway = TestGateway.start(dir, TestGateway.BUILT_PLUGINS, TestGateway.echoBackend(), "", ACCESS_LINES::add);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    static Stream<Arguments> defects() {
        String hi = messages("hi").encode();
        return Stream.of(
                row("a valid OpenAI request", openAi(hi), 200),
                row("a valid Anthropic request", anthropic(hi), 200),
                row("3: POST without Content-Type (OpenAI)", openAi(hi).remove("Content-Type"), 415),
                row("3: POST without Content-Type (Anthropic)", anthropic(hi).remove("Content-Type"), 415),
                row("3: Origin of a web page", openAi(hi).set("Origin", "http://evil.example"), 403),
                row("3: foreign Host on a keyless gateway (DNS rebinding)", openAi(hi).set("Host", "evil.example"), 403),
                framed("5: no Host", openAi(hi).remove("Host").wire(), 400),
                framed("5: chunk size zz", chunked(anthropic(hi), "zz"), 400),
                framed("5: chunk size -5", chunked(anthropic(hi), "-5"), 400),
                framed("5: chunk size ffffffffffffffff", chunked(anthropic(hi), "ffffffffffffffff"), 400),
                framed("5: a 20 KB chunk extension", chunked(anthropic(hi), "1;" + "e".repeat(20_000)), 400),
                framed("5: Expect: 200-ok", openAi(hi).set("Expect", "200-ok").wire(), 417),
                row("6: a 20,000,001-character string under maxBodyBytes",
                        at(anthropic(messages("x".repeat(20_000_001)).encode()), "POST", "/v1/messages/count_tokens"), 200),
                row("7: nesting 1001 deep", openAi("{\"model\":\"echo\",\"messages\":" + "[".repeat(1001) + "]".repeat(1001) + "}"), 400),
                row("7: a truncated body", anthropic("{\"model\":\"echo\",\"messages\":[{\"role\":\"user\""), 400),
                row("8: a 2 MB model name", openAi(messages("hi").put("model", "m".repeat(2_000_000)).encode()), 404),
                row("8: a 1 MB role", openAi(new JsonObject().put("model", "echo").put("messages", new JsonArray()
                        .add(new JsonObject().put("role", "r".repeat(1_000_000)).put("content", "hi"))).encode()), 400),
                row("8: a 1 MB content block type", anthropic(messages(new JsonArray()
                        .add(new JsonObject().put("type", "t".repeat(1_000_000)).put("text", "hi"))).encode()), 400),
                row("9: GET /v1/messages", at(anthropic(""), "GET", "/v1/messages"), 404, 405),
                row("9: POST /V1/MESSAGES", at(anthropic(hi), "POST", "/V1/MESSAGES"), 404),
                row("10: a JSON comment", openAi("{/* c */\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), 400),
                row("10: a duplicate key", openAi("{\"model\":\"nope\",\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), 400),
                row("10: temperature 1e400", openAi("{\"model\":\"echo\",\"temperature\":1e400,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), 400),
                row("10: Content-Encoding: gzip", openAi(hi).set("Content-Encoding", "gzip"), 415),
                row("10: the overlong UTF-8 C0 AF", overlongSlash(), 400));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("defects")
    void each_known_defect_stays_fixed(String defect, List<Integer> statuses, FuzzCase sent) {
        Outcome outcome = RawHttp.exchange(gateway.port(), sent, TIMEOUT);
        assertThat(outcome.answers()).as("answers to %s (%s)", defect, outcome).isNotEmpty();
        assertThat(outcome.answers().get(0).status()).as("%s: %s", defect, Printable.excerpt(outcome.answers().get(0).text(), 300))
                .isIn(statuses);
        assertThat(Invariants.check(sent, outcome)).as(defect).isEmpty();
    }

    @Test
    void access_log_lines_of_huge_values_stay_short() throws Exception {
        ACCESS_LINES.clear();
        FuzzCase sent = FuzzCase.of("huge model", "POST /v1/messages", Expect.REJECT, Family.ANTHROPIC,
                anthropic(messages("hi").put("model", "m".repeat(1_000_000)).encode()));
        assertThat(RawHttp.exchange(gateway.port(), sent, TIMEOUT).answers()).isNotEmpty();
        String line = ACCESS_LINES.poll(30, TimeUnit.SECONDS);
        assertThat(line).as("the access log line").isNotNull();
        assertThat(line.length()).as("length of the access log line %s", Printable.excerpt(line, 300))
                .isLessThanOrEqualTo(Invariants.MAX_ERROR_BYTES);
    }

    private static Arguments row(String defect, HttpMessage message, Integer... statuses) {
        Family family = Family.of(message.target, message.header("anthropic-version") != null);
        Expect expect = statuses[0] < 300 ? Expect.ACCEPT : Expect.REJECT;
        return Arguments.of(defect, List.of(statuses), FuzzCase.of(defect, message.method + " " + message.target, expect, family, message));
    }

    private static Arguments framed(String defect, byte[] wire, Integer status) {
        return Arguments.of(defect, List.of(status), new FuzzCase(defect, "raw", Expect.REJECT, Family.EITHER, wire, false, false, 1, true));
    }

    private static HttpMessage openAi(String json) {
        return request(Endpoints.ALL.get(0), json);
    }

    private static HttpMessage anthropic(String json) {
        return request(Endpoints.ALL.get(8), json);
    }

    /** A request for {@code endpoint} as an SDK sends it, with {@code json} as its body. */
    private static HttpMessage request(Endpoints.Endpoint endpoint, String json) {
        HttpMessage message = Endpoints.valid(endpoint, gateway.port(), new Random(0));
        message.body = json.getBytes(StandardCharsets.UTF_8);
        return message;
    }

    private static HttpMessage at(HttpMessage message, String method, String target) {
        message.method = method;
        message.target = target;
        return message;
    }

    private static JsonObject messages(Object content) {
        return new JsonObject().put("model", "echo").put("max_tokens", 16)
                .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", content)));
    }

    private static byte[] chunked(HttpMessage m, String badSize) {
        m.autoLength = false;
        m.set("Transfer-Encoding", "chunked");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(m.head());
        out.writeBytes((badSize + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(m.body);
        out.writeBytes("\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    /**
     * A prompt with the overlong (invalid) UTF-8 form of '/', C0 AF: the JSON text holds the
     * characters U+00C0 U+00AF unescaped, and ISO-8859-1 writes each as one byte.
     */
    private static HttpMessage overlongSlash() {
        HttpMessage message = openAi("");
        message.body = messages("a\u00C0\u00AFb").encode().getBytes(StandardCharsets.ISO_8859_1);
        return message;
    }
}
