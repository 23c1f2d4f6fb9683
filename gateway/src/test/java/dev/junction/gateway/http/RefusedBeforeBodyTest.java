package dev.junction.gateway.http;

import static dev.junction.gateway.support.ErrorShapes.assertErrorShape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.models.messages.MessageCreateParams;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.gateway.support.RawConnection;
import dev.junction.gateway.support.RawConnection.Answer;
import dev.junction.gateway.support.TestGateway;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request refused before its body is read (a wrong key, a body that is not JSON) is answered at once,
 * without waiting for the body; a body within {@code server.maxBodyBytes} is dropped on a kept
 * connection, a larger, chunked or {@code 100 Continue} one closes it after the answer.
 */
@Timeout(120)
class RefusedBeforeBodyTest {

    private static final String GOOD_KEY = "sk-good-0123";
    private static final long MAX_BODY = 1 << 20;
    /** A prompt of about 100k tokens, as an agent sends after a long session. */
    private static final String LONG_PROMPT = "word ".repeat(80_000);

    private static TestGateway gateway;

    @BeforeAll
    static void start(@TempDir Path dir) {
        gateway = TestGateway.builder(dir)
                .server("  maxBodyBytes: " + MAX_BODY + "\n")
                .auth("  keys:\n    - name: good\n      key: " + GOOD_KEY + "\n")
                .start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static String head(String path, String headers, long contentLength) {
        return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" + headers
                + "Content-Length: " + contentLength + "\r\n\r\n";
    }

    private static String chat(String content) {
        return "{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]}";
    }

    @Test
    void a_wrong_key_announcing_10_mb_gets_401_at_once_and_the_connection_closes() throws Exception {
        for (String[] sent : new String[][] {
            {"/v1/chat/completions", "Authorization: Bearer sk-wrong\r\n"},
            {"/v1/messages", "x-api-key: sk-wrong\r\nanthropic-version: 2023-06-01\r\n"},
            {"/v1/chat/completions", ""}
        }) {
            try (RawConnection connection = RawConnection.open(gateway.port())) {
                long start = System.nanoTime();
                Answer answer = connection.send(head(sent[0], sent[1], 10_000_000)).read();
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                assertThat(answer.status()).as(sent[0]).isEqualTo(401);
                assertThat(took).as("answered without waiting for the body").isLessThan(Duration.ofSeconds(10));
                assertErrorShape(sent[0], answer.body());
                assertThat(answer.body()).doesNotContain("sk-wrong");
                assertThat(answer.headers()).containsEntry("connection", "close");
                assertThat(connection.closedWithin(Duration.ofSeconds(10))).as("closed, the body left unread").isTrue();
            }
        }
    }

    @Test
    void a_wrong_key_within_the_body_limit_gets_401_before_its_body_and_keeps_the_connection() throws Exception {
        String body = chat(LONG_PROMPT);
        try (RawConnection connection = RawConnection.open(gateway.port())) {
            Answer refused = connection.send(head("/v1/chat/completions", "Authorization: Bearer sk-wrong\r\n", body.length()))
                    .read();
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.headers()).doesNotContainKey("connection");

            connection.send(body); // dropped as it comes
            String small = chat("after the refusal");
            Answer served = connection.send(head("/v1/chat/completions", "Authorization: Bearer " + GOOD_KEY + "\r\n",
                            small.length()) + small)
                    .read();
            assertThat(served.status()).as(served.body()).isEqualTo(200);
            assertThat(served.body()).contains("\"content\":\"after the refusal\"");
        }
    }

    @Test
    void refusals_without_a_body_keep_the_connection() throws Exception {
        try (RawConnection connection = RawConnection.open(gateway.port())) {
            for (int i = 0; i < 3; i++) {
                Answer answer = connection.send("GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: sk-wrong\r\n\r\n")
                        .read();
                assertThat(answer.status()).isEqualTo(401);
                assertThat(answer.headers()).doesNotContainKey("connection");
            }
            Answer empty = connection.send(head("/v1/chat/completions", "", 0)).read();
            assertThat(empty.status()).isEqualTo(401);
            assertThat(connection.send("GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + GOOD_KEY
                            + "\r\n\r\n").read().status())
                    .isEqualTo(200);
        }
    }

    @Test
    void a_client_waiting_for_100_continue_gets_401_without_it_and_is_closed() throws Exception {
        try (RawConnection connection = RawConnection.open(gateway.port())) {
            Answer answer = connection.send(head("/v1/chat/completions", "Expect: 100-continue\r\n", 100)).read();

            assertThat(answer.status()).isEqualTo(401);
            assertThat(connection.closedWithin(Duration.ofSeconds(10))).isTrue();
        }
    }

    @Test
    void a_chunked_body_with_a_wrong_key_gets_401_and_is_closed() throws Exception {
        try (RawConnection connection = RawConnection.open(gateway.port())) {
            Answer answer = connection.send("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "x-api-key: sk-wrong\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n{\"model\":\"echo\",\r\n")
                    .read();

            assertThat(answer.status()).isEqualTo(401);
            assertErrorShape("/v1/messages", answer.body());
            assertThat(connection.closedWithin(Duration.ofSeconds(10))).isTrue();
        }
    }

    @Test
    void a_body_that_is_not_json_is_refused_before_it_is_read() throws Exception {
        try (RawConnection connection = RawConnection.open(gateway.port())) {
            Answer answer = connection.send("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
                            + "Authorization: Bearer " + GOOD_KEY + "\r\nContent-Length: 10000000\r\n\r\n")
                    .read();

            assertThat(answer.status()).isEqualTo(415);
            assertThat(connection.closedWithin(Duration.ofSeconds(10))).isTrue();
        }
    }

    @Test
    void a_web_page_is_refused_before_the_key_is_asked_for() throws Exception {
        try (RawConnection connection = RawConnection.open(gateway.port())) {
            Answer answer = connection.send(head("/v1/chat/completions",
                            "Origin: https://page.example\r\nAuthorization: Bearer sk-wrong\r\n", 10_000_000))
                    .read();

            assertThat(answer.status()).isEqualTo(403);
            assertThat(assertErrorShape("/v1/chat/completions", answer.body())).contains("server.cors.allowedOrigins");
        }
    }

    @Test
    void the_sdks_get_their_401_for_a_long_prompt_and_the_right_key_is_served() {
        assertThatThrownBy(() -> gateway.openAi("sk-wrong").chat().completions().create(
                        ChatCompletionCreateParams.builder().model("echo").addUserMessage(LONG_PROMPT).build()))
                .isInstanceOf(com.openai.errors.UnauthorizedException.class)
                .hasMessageContaining("Incorrect API key provided.");
        assertThatThrownBy(() -> gateway.anthropic("/anthropic", "sk-wrong").messages().create(
                        MessageCreateParams.builder().model("echo").maxTokens(10).addUserMessage(LONG_PROMPT).build()))
                .isInstanceOf(com.anthropic.errors.UnauthorizedException.class);

        String answer = gateway.openAi(GOOD_KEY).chat().completions()
                .create(ChatCompletionCreateParams.builder().model("echo").addUserMessage(LONG_PROMPT).build())
                .choices().get(0).message().content().orElseThrow();
        assertThat(answer).isEqualTo(LONG_PROMPT);
    }
}
