package dev.junction.gateway.http;

import static dev.junction.gateway.http.RateLimitSdkTest.thrown;
import static dev.junction.gateway.support.ErrorShapes.assertErrorShape;
import static org.assertj.core.api.Assertions.assertThat;

import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.gateway.support.RawConnection;
import dev.junction.gateway.support.TestGateway;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node holds a bounded number of connections and of requests in flight: the next connection gets
 * 503 and is closed at once, the next request 503 with {@code Retry-After} in its dialect (the
 * OpenAI SDK sees a 503), and a place frees as soon as a request ends. The limits are the node's:
 * its four HTTP server instances, each handed the next connection in turn, count together.
 */
@Timeout(60)
class ConnectionCountsTest {

    /** More instances than the limits below: the connection over a limit reaches an instance of its own. */
    private static final String FOUR_INSTANCES = "  instances: 4\n";
    private static final String OPENAI = "/v1/chat/completions";
    private static final String ANTHROPIC = "/v1/messages";
    private static final String BODY =
            "{\"model\":\"echo\",\"max_tokens\":20,\"messages\":[{\"role\":\"user\",\"content\":\"hi there\"}]}";

    @Test
    void a_connection_over_the_maximum_gets_503_and_is_closed(@TempDir Path dir) throws IOException {
        List<RawConnection> held = new ArrayList<>();
        try (TestGateway gateway = TestGateway.builder(dir).server(FOUR_INSTANCES + "  limits: {maxConnections: 3}\n").start()) {
            assertThat(gateway.httpInstances()).isEqualTo(4);
            for (int i = 0; i < 3; i++) {
                RawConnection connection = RawConnection.open(gateway.port());
                held.add(connection);
                assertThat(connection.send(get("/health")).read().status()).as("connection %d", i).isEqualTo(200);
            }
            try (RawConnection over = RawConnection.open(gateway.port())) {
                RawConnection.Answer answer = over.read();

                assertThat(answer.status()).isEqualTo(503);
                assertThat(answer.headers()).containsEntry("retry-after", "1");
                assertThat(over.closedWithin(Duration.ofSeconds(5))).isTrue();
            }
            assertThat(held.get(0).send(get("/health")).read().status()).as("those held still served").isEqualTo(200);

            held.remove(0).close();
            assertThat(firstServedWithin(gateway.port(), Duration.ofSeconds(10))).as("a place freed").isEqualTo(200);
        } finally {
            for (RawConnection connection : held) {
                connection.close();
            }
        }
    }

    @Test
    void a_request_over_the_in_flight_maximum_gets_503_with_retry_after_in_its_dialect(@TempDir Path dir)
            throws IOException {
        try (TestGateway gateway = TestGateway.builder(dir).server(FOUR_INSTANCES + "  limits: {maxInFlightRequests: 2}\n").start();
                RawConnection first = holdRequest(gateway.port());
                RawConnection second = holdRequest(gateway.port())) {
            RawConnection.Answer anthropic = exchange(gateway.port(), ANTHROPIC, BODY);
            OpenAIServiceException openAi = thrown(OpenAIServiceException.class, () -> gateway.openAi("unused")
                    .chat().completions().create(ChatCompletionCreateParams.builder()
                            .model("echo")
                            .addUserMessage("hi")
                            .build()));

            assertThat(anthropic.status()).isEqualTo(503);
            assertThat(anthropic.headers()).containsEntry("retry-after", "1");
            assertThat(assertErrorShape(ANTHROPIC, anthropic.body())).contains("maximum of 2 requests");
            assertThat(openAi.statusCode()).isEqualTo(503);
            assertThat(openAi.headers().values("Retry-After")).containsExactly("1");

            // The first held request ends: its place frees.
            assertThat(first.send(BODY.substring(BODY.length() - 10)).read().status()).isEqualTo(200);
            assertThat(exchange(gateway.port(), OPENAI, BODY).status()).isEqualTo(200);
        }
    }

    /** The status of the first connection's answer that is not a refusal, trying until {@code timeout}. */
    private static int firstServedWithin(int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int status;
        do {
            try (RawConnection connection = RawConnection.open(port)) {
                status = connection.send(get("/health")).read().status();
            } catch (IOException refusedBeforeReading) {
                status = 503;
            }
        } while (status == 503 && System.nanoTime() < deadline);
        return status;
    }

    /** A request whose body is still to come, once the gateway counts it (it asked for the body). */
    private static RawConnection holdRequest(int port) throws IOException {
        RawConnection connection = RawConnection.open(port);
        connection.send("POST " + OPENAI + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Expect: 100-continue\r\nContent-Length: " + BODY.length() + "\r\n\r\n"
                + BODY.substring(0, BODY.length() - 10));
        assertThat(connection.read().status()).isEqualTo(100);
        return connection;
    }

    private static RawConnection.Answer exchange(int port, String path, String body) throws IOException {
        try (RawConnection connection = RawConnection.open(port)) {
            return connection
                    .send("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + body.length() + "\r\n\r\n" + body)
                    .read();
        }
    }

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    }
}
