package dev.junction.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.gateway.metrics.RawRequest;
import dev.junction.gateway.support.ForkedGateway;
import dev.junction.gateway.support.Scrapes;
import dev.junction.gateway.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof that slow clients cannot exhaust the gateway: in a gateway of its own with
 * {@code -Xmx256m}, fifty clients that never read a 200,000-word stream leave it answering another
 * client at once, and when they leave, its heap after a full GC is back near where it started and
 * no answer is left in flight. (Without flow control, six such clients ran it out of memory.)
 */
@Timeout(180)
class NonReadingClientsTest {

    private static final int CLIENTS = 50;
    private static final int WORDS = 200_000;
    private static final long MIB = 1 << 20;

    @Test
    void fifty_clients_that_do_not_read_neither_exhaust_nor_stall_a_small_heap(@TempDir Path dir) throws Exception {
        try (ForkedGateway gateway = ForkedGateway.start(dir, TestGateway.builder(dir), "-Xmx256m", "-XX:+ExitOnOutOfMemoryError")) {
            OpenAIClient client = OpenAIOkHttpClient.builder()
                    .baseUrl("http://127.0.0.1:" + gateway.port() + "/v1")
                    .apiKey("unused")
                    .maxRetries(0)
                    .timeout(Duration.ofSeconds(30))
                    .build();
            assertThat(answer(client)).isEqualTo("Are you there?");
            long start = gateway.heapAfterGc();

            String body = streamOf(" w".repeat(WORDS));
            List<RawRequest> idle = new ArrayList<>();
            try {
                for (int i = 0; i < CLIENTS; i++) {
                    idle.add(RawRequest.post(gateway.port(), "/v1/chat/completions", body, 16 * 1024));
                }
                Scrapes.until(gateway.port(), Duration.ofSeconds(60), "all streams in flight", scrape -> inFlight(scrape) == CLIENTS);

                long asked = System.nanoTime();
                assertThat(answer(client)).isEqualTo("Are you there?");
                assertThat(Duration.ofNanos(System.nanoTime() - asked)).as("another client's answer").isLessThan(Duration.ofSeconds(5));

                long perStream = (gateway.heapAfterGc() - start) / CLIENTS;
                System.out.printf("Heap held per non-reading stream: %d KiB (its request body: %d KiB)%n",
                        perStream / 1024, body.length() / 1024);
                // A request being answered holds its body and the text decoded from it; the stream holds the rest.
                assertThat(perStream - 2L * body.length()).as("bytes a non-reading stream holds beyond its request")
                        .isLessThan(512 * 1024);
            } finally {
                for (RawRequest request : idle) {
                    request.close();
                }
            }
            Scrapes.until(gateway.port(), Duration.ofSeconds(30), "no stream left in flight", scrape -> inFlight(scrape) == 0);
            long after = gateway.heapAfterGc();
            System.out.printf("Heap after GC: %d KiB at the start, %d KiB once the clients left%n", start / 1024, after / 1024);
            assertThat(after - start).as("heap after the clients left, beyond the start").isLessThan(4 * MIB);
            assertThat(gateway.alive()).isTrue();
        }
    }

    private static String answer(OpenAIClient client) {
        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("echo")
                .addUserMessage("Are you there?")
                .build());
        return completion.choices().get(0).message().content().orElseThrow();
    }

    private static String streamOf(String text) {
        return new JsonObject()
                .put("model", "echo")
                .put("stream", true)
                .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", text)))
                .encode();
    }

    private static double inFlight(dev.junction.gateway.support.PrometheusText scrape) {
        return scrape.value("junction_backend_in_flight", "backend", "echo");
    }
}
