package dev.junction.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.gateway.metrics.RawRequest;
import dev.junction.gateway.support.ForkedGateway;
import dev.junction.gateway.support.PrometheusText;
import dev.junction.gateway.support.Scrapes;
import dev.junction.gateway.support.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Relayed streams keep flow control: in a gateway of its own with {@code -Xmx256m}, twenty clients
 * that never read an endless relayed stream hold little heap each (the relayed bytes' credit), leave
 * it answering another client at once, and when they leave their upstream requests are closed.
 */
@Timeout(180)
class PassThroughNonReadingClientsTest {

    private static final int CLIENTS = 20;
    private static final String CHUNK = "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
            + "\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" word word word word\"},"
            + "\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n";

    @Test
    void clients_that_do_not_read_relayed_streams_neither_exhaust_nor_stall_a_small_heap(@TempDir Path dir) throws Exception {
        Vertx vertx = Vertx.vertx();
        AtomicInteger open = new AtomicInteger();
        CompletableFuture<Void> allClosed = new CompletableFuture<>();
        HttpServer upstream = vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> endless(vertx, request, open, allClosed)))
                .listen(0, "127.0.0.1")
                .await(10, TimeUnit.SECONDS);
        TestGateway.Builder config = TestGateway.builder(dir).backends(TestGateway.echoBackend()
                + "  relay:\n    plugin: openai\n    models: [\"gpt-*\"]\n"
                + "    options: {baseUrl: \"http://127.0.0.1:" + upstream.actualPort() + "/v1\"}\n");
        try (ForkedGateway gateway = ForkedGateway.start(dir, config, "-Xmx256m", "-XX:+ExitOnOutOfMemoryError")) {
            OpenAIClient client = OpenAIOkHttpClient.builder()
                    .baseUrl("http://127.0.0.1:" + gateway.port() + "/v1")
                    .apiKey("unused")
                    .maxRetries(0)
                    .timeout(Duration.ofSeconds(30))
                    .build();
            ask(client);
            long start = gateway.heapAfterGc();
            List<RawRequest> idle = new ArrayList<>();
            try {
                for (int i = 0; i < CLIENTS; i++) {
                    idle.add(RawRequest.post(gateway.port(), "/v1/chat/completions",
                            "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]}",
                            16 * 1024));
                }
                Scrapes.until(gateway.port(), Duration.ofSeconds(60), "all relayed streams in flight",
                        scrape -> inFlight(scrape) == CLIENTS);

                long asked = System.nanoTime();
                ask(client);
                assertThat(Duration.ofNanos(System.nanoTime() - asked)).as("another client's answer").isLessThan(Duration.ofSeconds(5));
                long perStream = (gateway.heapAfterGc() - start) / CLIENTS;
                System.out.printf("Heap held per non-reading relayed stream: %d KiB%n", perStream / 1024);
                assertThat(perStream).as("bytes a non-reading relayed stream holds").isLessThan(1024 * 1024);
            } finally {
                for (RawRequest request : idle) {
                    request.close();
                }
            }
            Scrapes.until(gateway.port(), Duration.ofSeconds(30), "no relayed stream left in flight", scrape -> inFlight(scrape) == 0);
            allClosed.get(30, TimeUnit.SECONDS); // every upstream request closed by the gateway
            assertThat(gateway.alive()).isTrue();
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    /** The echo backend answers: the gateway is not stalled. */
    private static void ask(OpenAIClient client) {
        assertThat(client.chat().completions().create(ChatCompletionCreateParams.builder()
                        .model("echo")
                        .addUserMessage("Are you there?")
                        .build())
                .choices().get(0).message().content())
                .hasValue("Are you there?");
    }

    /** Streams chunks for ever, as fast as the connection takes them (an upstream's TCP flow control), until closed. */
    private static void endless(Vertx vertx, HttpServerRequest request, AtomicInteger open, CompletableFuture<Void> allClosed) {
        HttpServerResponse response = request.response()
                .setChunked(true)
                .putHeader("content-type", "text/event-stream");
        open.incrementAndGet();
        response.closeHandler(closed -> {
            if (open.decrementAndGet() == 0) {
                allClosed.complete(null);
            }
        });
        Buffer chunk = Buffer.buffer(CHUNK.repeat(8));
        Runnable[] pump = new Runnable[1];
        pump[0] = () -> {
            for (int i = 0; i < 64 && !response.closed() && !response.writeQueueFull(); i++) {
                response.write(chunk);
            }
            if (response.closed()) {
                return;
            }
            if (response.writeQueueFull()) {
                response.drainHandler(drained -> pump[0].run());
            } else {
                vertx.runOnContext(next -> pump[0].run()); // let the connection's own events in between
            }
        };
        pump[0].run();
    }

    private static double inFlight(PrometheusText scrape) {
        return scrape.value("junction_backend_in_flight", "backend", "relay");
    }
}
