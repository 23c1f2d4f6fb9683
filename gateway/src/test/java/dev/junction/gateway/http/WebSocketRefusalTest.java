package dev.junction.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.junction.gateway.support.RawConnection;
import dev.junction.gateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A WebSocket handshake on the Responses endpoint (Codex's first try) gets 426 in OpenAI's error
 * shape, which Codex takes as "use HTTP"; elsewhere, and without an upgrade, nothing changes.
 */
@Timeout(60)
class WebSocketRefusalTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static TestGateway gateway;

    @BeforeAll
    static void start(@TempDir Path dir) {
        gateway = TestGateway.withAuth(dir, TestGateway.echoBackend(), "  keys:\n    - {name: codex, key: sk-codex}\n");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/responses", "/openai/v1/responses"})
    void refuses_a_websocket_handshake_on_the_responses_endpoint_with_426(String path) {
        WebSocketHandshakeException refused = handshake(path, "sk-codex");

        assertThat(refused.getResponse().statusCode()).isEqualTo(426);
        JsonObject error = new JsonObject(String.valueOf(refused.getResponse().body())).getJsonObject("error");
        assertThat(error.getString("type")).isEqualTo("invalid_request_error");
        assertThat(error.getString("message")).contains("over HTTP only");
    }

    @Test
    void asks_for_the_key_before_it_refuses_the_upgrade() {
        assertThat(handshake("/v1/responses", "sk-wrong").getResponse().statusCode()).isEqualTo(401);
    }

    @Test
    void a_websocket_handshake_elsewhere_gets_the_usual_404() {
        assertThat(handshake("/v1/realtime", "sk-codex").getResponse().statusCode()).isEqualTo(404);
    }

    @Test
    void a_get_without_an_upgrade_is_not_refused_as_one() throws Exception {
        try (RawConnection connection = RawConnection.open(gateway.port())) {
            RawConnection.Answer answer = connection
                    .send("GET /v1/responses HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer sk-codex\r\n\r\n")
                    .read();

            assertThat(answer.status()).isIn(404, 405);
        }
    }

    @Test
    void the_connection_serves_the_next_request_after_the_refusal() throws Exception {
        try (RawConnection connection = RawConnection.open(gateway.port())) {
            RawConnection.Answer refused = connection
                    .send("GET /v1/responses HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer sk-codex\r\n"
                            + "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                            + "Sec-WebSocket-Key: nsxxLfTJsf9p4LjHj6qdOw==\r\n\r\n")
                    .read();
            assertThat(refused.status()).isEqualTo(426);

            RawConnection.Answer models = connection
                    .send("GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer sk-codex\r\n\r\n")
                    .read();
            assertThat(models.status()).isEqualTo(200);
        }
    }

    /** Opens a WebSocket with the JDK's client, as Codex would, and returns how the handshake was refused. */
    private static WebSocketHandshakeException handshake(String path, String key) {
        URI uri = URI.create(gateway.url(path).replaceFirst("^http", "ws"));
        Throwable failure = catchThrowable(() -> HTTP.newWebSocketBuilder()
                .header("Authorization", "Bearer " + key)
                .header("OpenAI-Beta", "responses_websockets=2026-02-06")
                .buildAsync(uri, new WebSocket.Listener() {})
                .orTimeout(20, TimeUnit.SECONDS)
                .join());
        assertThat(failure).isInstanceOf(CompletionException.class).hasCauseInstanceOf(WebSocketHandshakeException.class);
        return (WebSocketHandshakeException) failure.getCause();
    }
}
