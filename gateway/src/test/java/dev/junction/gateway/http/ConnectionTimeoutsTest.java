package dev.junction.gateway.http;

import static dev.junction.gateway.support.ErrorShapes.assertErrorShape;
import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.models.messages.MessageCreateParams;
import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.gateway.support.RawConnection;
import dev.junction.gateway.support.TestGateway;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Slow and silent clients let go of what they hold: headers that dribble in and a body that stops
 * get 408 and are closed, an idle keep-alive connection is closed, oversized heads get 431; the
 * official SDKs, with timeouts this short, notice nothing. Timeouts of one and two seconds keep it
 * quick; the bounds leave room for a loaded machine.
 */
@Timeout(60)
class ConnectionTimeoutsTest {

    private static final int HEADER_TIMEOUT_SECONDS = 1;
    private static final int IDLE_TIMEOUT_SECONDS = 2;
    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final String OPENAI = "/v1/chat/completions";
    private static final String ANTHROPIC = "/v1/messages";

    private static TestGateway gateway;

    @BeforeAll
    static void start(@TempDir Path dir) {
        gateway = TestGateway.builder(dir)
                .server("  limits:\n"
                        + "    headerTimeoutSeconds: " + HEADER_TIMEOUT_SECONDS + "\n"
                        + "    bodyTimeoutSeconds: 1\n"
                        + "    idleTimeoutSeconds: " + IDLE_TIMEOUT_SECONDS + "\n"
                        + "    maxHeaders: 40\n"
                        + "    maxHeaderBytes: 2048\n")
                .start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void headers_that_dribble_in_get_408_and_are_closed_within_the_timeout() throws Exception {
        ScheduledExecutorService dribbler = Executors.newSingleThreadScheduledExecutor();
        try (RawConnection connection = RawConnection.open(gateway.port())) {
            long start = System.nanoTime();
            connection.send("POST " + OPENAI + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            // A header line every 100 ms: never idle, never done.
            dribbler.scheduleAtFixedRate(() -> {
                try {
                    connection.send("X-Slow: 1\r\n");
                } catch (IOException closed) {
                    throw new IllegalStateException(closed);
                }
            }, 100, 100, TimeUnit.MILLISECONDS);

            RawConnection.Answer answer = connection.read();

            assertThat(answer.status()).isEqualTo(408);
            assertThat(connection.closedWithin(GRACE)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isBetween(Duration.ofSeconds(HEADER_TIMEOUT_SECONDS), Duration.ofSeconds(HEADER_TIMEOUT_SECONDS).plus(GRACE));
        } finally {
            dribbler.shutdownNow();
        }
    }

    @Test
    void a_connection_that_sends_nothing_is_closed_after_the_header_timeout() throws IOException {
        try (RawConnection connection = RawConnection.open(gateway.port())) {
            assertThat(connection.closedWithin(Duration.ofSeconds(HEADER_TIMEOUT_SECONDS).plus(GRACE))).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {OPENAI, ANTHROPIC})
    void a_chunked_body_that_stops_gets_408_in_its_dialect_and_is_closed(String path) throws IOException {
        try (RawConnection connection = RawConnection.open(gateway.port())) {
            String chunk = "{\"model\":\"echo\",";
            connection.send("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n");

            RawConnection.Answer answer = connection.read();

            assertThat(answer.status()).isEqualTo(408);
            assertThat(assertErrorShape(path, answer.body())).contains("stopped arriving");
            assertThat(connection.closedWithin(GRACE)).isTrue();
        }
    }

    @Test
    void an_idle_keep_alive_connection_is_closed_after_the_idle_timeout() throws IOException {
        try (RawConnection connection = RawConnection.open(gateway.port())) {
            assertThat(connection.send(get("/health")).read().status()).isEqualTo(200);
            assertThat(connection.send(get("/v1/models")).read().status()).as("kept alive").isEqualTo(200);
            long idleFrom = System.nanoTime();

            assertThat(connection.closedWithin(Duration.ofSeconds(IDLE_TIMEOUT_SECONDS).plus(GRACE))).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - idleFrom))
                    .as("the idle timeout, not the header timeout")
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(IDLE_TIMEOUT_SECONDS).minusMillis(100));
        }
    }

    @Test
    void a_request_started_on_a_kept_alive_connection_gets_the_header_timeout() throws IOException {
        try (RawConnection connection = RawConnection.open(gateway.port())) {
            assertThat(connection.send(get("/health")).read().status()).isEqualTo(200);
            connection.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n");

            assertThat(connection.read().status()).isEqualTo(408);
            assertThat(connection.closedWithin(GRACE)).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {OPENAI, ANTHROPIC})
    void more_header_lines_than_the_limit_get_431_in_the_dialect(String path) throws IOException {
        String headers = java.util.stream.IntStream.range(0, 41)
                .mapToObj(i -> "X-Line-" + i + ": " + i + "\r\n")
                .collect(Collectors.joining());
        try (RawConnection connection = RawConnection.open(gateway.port())) {
            RawConnection.Answer answer = connection
                    .send("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + "Content-Length: 0\r\n\r\n")
                    .read();

            assertThat(answer.status()).isEqualTo(431);
            assertThat(assertErrorShape(path, answer.body())).contains("40 header lines");
        }
    }

    @Test
    void headers_larger_than_the_limit_get_431_and_are_closed() throws IOException {
        try (RawConnection connection = RawConnection.open(gateway.port())) {
            RawConnection.Answer answer = connection
                    .send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "x".repeat(3000) + "\r\n\r\n")
                    .read();

            assertThat(answer.status()).isEqualTo(431);
            assertThat(connection.closedWithin(GRACE)).isTrue();
        }
    }

    /**
     * With the default idle timeout: OkHttp reuses a pooled connection idle for less than 10 s
     * without checking it, so an idle timeout below that fails a request now and then (the SDKs retry).
     */
    @Test
    void the_official_sdks_notice_nothing_with_short_header_and_body_timeouts(@TempDir Path dir) {
        try (TestGateway strict = TestGateway.builder(dir)
                .server("  limits: {headerTimeoutSeconds: 1, bodyTimeoutSeconds: 1}\n")
                .start()) {
            talk(strict.openAi("unused"), strict.anthropic("unused"));
        }
    }

    private static void talk(OpenAIClient openAi, AnthropicClient anthropic) {
        for (int i = 0; i < 2; i++) {
            ChatCompletionCreateParams chat = ChatCompletionCreateParams.builder()
                    .model("echo")
                    .addUserMessage("hi there")
                    .build();
            try (StreamResponse<ChatCompletionChunk> stream = openAi.chat().completions().createStreaming(chat)) {
                String text = stream.stream()
                        .flatMap(chunk -> chunk.choices().stream())
                        .map(choice -> choice.delta().content().orElse(""))
                        .collect(Collectors.joining());
                assertThat(text).isEqualTo("hi there");
            }
            String answer = anthropic.messages().create(MessageCreateParams.builder()
                            .model("echo")
                            .maxTokens(20)
                            .addUserMessage("hi there")
                            .build())
                    .content().get(0).asText().text();
            assertThat(answer).isEqualTo("hi there");
        }
    }

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    }
}
