package dev.junction.gateway.http;

import static dev.junction.gateway.support.ErrorShapes.assertErrorShape;
import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.models.messages.MessageCreateParams;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.gateway.support.RawConnection;
import dev.junction.gateway.support.TestGateway;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A keyless gateway on a developer's machine cannot be driven by a web page: a body a browser may
 * send without asking (no or another content type, compressed) gets 415, a request from a page's
 * origin 403 unless the origin is listed (then CORS works), and a rebound host name 403; while the
 * official SDKs, which send JSON to a loopback host, notice nothing.
 */
@Timeout(60)
class NetworkSafetyTest {

    private static final String OPENAI = "/v1/chat/completions";
    private static final String ANTHROPIC = "/v1/messages";
    private static final String BODY =
            "{\"model\":\"echo\",\"max_tokens\":20,\"messages\":[{\"role\":\"user\",\"content\":\"hi there\"}]}";
    private static final String LISTED_ORIGIN = "https://app.example.com";

    private static TestGateway gateway;

    @BeforeAll
    static void start(@TempDir Path dir) {
        gateway = TestGateway.builder(dir)
                .server("  allowedHosts: [gateway.internal]\n"
                        + "  cors:\n    allowedOrigins: [\"" + LISTED_ORIGIN + "\"]\n")
                .start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {OPENAI, ANTHROPIC, "/anthropic/v1/messages/count_tokens", "/v1/embeddings"})
    void a_post_without_content_type_is_415_in_the_paths_dialect(String path) throws IOException {
        RawConnection.Answer answer = exchange("POST", path, "", BODY);

        assertThat(answer.status()).isEqualTo(415);
        assertThat(assertErrorShape(path, answer.body())).contains("Content-Type must be application/json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"})
    void a_body_a_browser_sends_without_preflight_is_415(String contentType) throws IOException {
        RawConnection.Answer answer = exchange("POST", ANTHROPIC, "Content-Type: " + contentType + "\r\n", BODY);

        assertThat(answer.status()).isEqualTo(415);
        assertErrorShape(ANTHROPIC, answer.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {OPENAI, ANTHROPIC})
    void a_compressed_body_is_415(String path) throws IOException {
        RawConnection.Answer answer =
                exchange("POST", path, "Content-Type: application/json\r\nContent-Encoding: gzip\r\n", BODY);

        assertThat(answer.status()).isEqualTo(415);
        assertThat(assertErrorShape(path, answer.body())).contains("Content-Encoding 'gzip'");
        assertThat(exchange("POST", path, "Content-Type: application/json\r\nContent-Encoding: identity\r\n", BODY)
                        .status())
                .isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {OPENAI, ANTHROPIC})
    void a_request_from_an_unlisted_origin_is_refused(String path) throws IOException {
        String json = "Content-Type: application/json\r\n";
        for (String origin : new String[] {"https://evil.example", "null", "http://127.0.0.1:8080", LISTED_ORIGIN + ".evil"}) {
            RawConnection.Answer answer = exchange("POST", path, json + "Origin: " + origin + "\r\n", BODY);

            assertThat(answer.status()).as(origin).isEqualTo(403);
            assertThat(assertErrorShape(path, answer.body())).contains("server.cors.allowedOrigins");
            assertThat(answer.headers()).doesNotContainKey("access-control-allow-origin");
        }
        assertThat(exchange("GET", "/health", "Origin: https://evil.example\r\n", "").status()).isEqualTo(403);
    }

    @Test
    void a_listed_origin_gets_its_preflight_answered_and_cors_headers() throws IOException {
        RawConnection.Answer preflight = exchange("OPTIONS", OPENAI,
                "Origin: " + LISTED_ORIGIN + "\r\nAccess-Control-Request-Method: POST\r\n"
                        + "Access-Control-Request-Headers: content-type,authorization,x-stainless-os\r\n", "");

        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.headers())
                .containsEntry("access-control-allow-origin", LISTED_ORIGIN)
                .containsEntry("access-control-allow-headers", "content-type,authorization,x-stainless-os");
        assertThat(preflight.headers().get("access-control-allow-methods")).contains("POST");

        RawConnection.Answer answer = exchange("POST", OPENAI,
                "Content-Type: application/json\r\nOrigin: " + LISTED_ORIGIN.toUpperCase() + "\r\n", BODY);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers().get("access-control-allow-origin")).isEqualToIgnoringCase(LISTED_ORIGIN);
        assertThat(answer.body()).contains("hi there");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/models", "/health", "/metrics", OPENAI})
    void a_rebound_host_name_is_refused_without_keys(String path) throws IOException {
        for (String host : new String[] {"evil.example:8080", "evil.example", "localhost.evil.example", "0.0.0.0:8080",
                "192.168.1.5", "[::2]:80", "127.0.0.1.evil.example"}) {
            RawConnection.Answer answer = exchange(
                    path.equals(OPENAI) ? "POST" : "GET", path, host, "Content-Type: application/json\r\n", BODY);

            assertThat(answer.status()).as(host).isEqualTo(403);
            assertThat(assertErrorShape(path, answer.body())).contains("server.allowedHosts");
        }
    }

    @Test
    void a_request_without_host_is_400_without_keys() throws IOException {
        try (RawConnection connection = RawConnection.open(gateway.port())) {
            RawConnection.Answer answer = connection.send("GET /v1/models HTTP/1.0\r\n\r\n").read();

            assertThat(answer.status()).isEqualTo(400);
            assertThat(assertErrorShape("/v1/models", answer.body())).contains("no Host header");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST:1", "app.localhost:8080", "127.0.0.1", "127.1.2.3:80", "[::1]",
            "[::1]:8080", "gateway.internal", "Gateway.Internal:443"})
    void loopback_and_listed_hosts_are_served(String host) throws IOException {
        assertThat(exchange("GET", "/v1/models", host, "", "").status()).isEqualTo(200);
    }

    @Test
    void with_api_keys_any_host_is_served(@TempDir Path dir) throws IOException {
        try (TestGateway keyed = TestGateway.withAuth(
                        dir, TestGateway.echoBackend(), "  keys:\n    - {name: team, key: sk-team}\n");
                RawConnection connection = RawConnection.open(keyed.port())) {
            RawConnection.Answer answer = connection
                    .send("GET /v1/models HTTP/1.1\r\nHost: gateway.example.com\r\nAuthorization: Bearer sk-team\r\n\r\n")
                    .read();

            assertThat(answer.status()).isEqualTo(200);
        }
    }

    @Test
    void the_official_sdks_are_unaffected() {
        String openAi = gateway.openAi("unused").chat().completions().create(ChatCompletionCreateParams.builder()
                        .model("echo")
                        .addUserMessage("hi there")
                        .build())
                .choices().get(0).message().content().orElseThrow();
        String anthropic = gateway.anthropic("unused").messages().create(MessageCreateParams.builder()
                        .model("echo")
                        .maxTokens(20)
                        .addUserMessage("hi there")
                        .build())
                .content().get(0).asText().text();

        assertThat(openAi).isEqualTo("hi there");
        assertThat(anthropic).isEqualTo("hi there");
    }

    private static RawConnection.Answer exchange(String method, String path, String headers, String body)
            throws IOException {
        return exchange(method, path, "127.0.0.1:" + gateway.port(), headers, body);
    }

    private static RawConnection.Answer exchange(String method, String path, String host, String headers, String body)
            throws IOException {
        try (RawConnection connection = RawConnection.open(gateway.port())) {
            return connection
                    .send(method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + headers
                            + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
                    .read();
        }
    }
}
