package dev.junction.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.support.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import dev.junction.gateway.support.PrometheusText;
import dev.junction.gateway.support.Scrapes;

/**
 * A client that goes away cancels the bundled openai plugin's upstream call: the fake upstream sees
 * its connection close, and {@code /metrics} counts the cancellation. (A non-streaming client gets
 * the upstream's answer whole, so it can only leave before the upstream answered.)
 */
@Timeout(60)
class UpstreamCancellationTest {

    private static final Vertx UPSTREAM = Vertx.vertx();
    private static final Semaphore ARRIVED = new Semaphore(0);
    private static final Semaphore CLOSED = new Semaphore(0);
    private static volatile boolean answer;
    private static HttpServer upstream;
    private static TestGateway gateway;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        upstream = await(UPSTREAM.createHttpServer().requestHandler(UpstreamCancellationTest::hold).listen(0, "127.0.0.1"));
        gateway = TestGateway.builder(dir)
                .backends("  openai:\n    plugin: openai\n    models: [\"gpt-*\"]\n"
                        + "    options: {baseUrl: \"http://127.0.0.1:" + upstream.actualPort() + "/v1\", apiKey: sk-up}\n")
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        await(UPSTREAM.close());
    }

    /** Answers with one streamed chunk (when {@link #answer}) or not at all, and never ends. */
    private static void hold(HttpServerRequest request) {
        request.connection().closeHandler(closed -> CLOSED.release());
        request.body().onSuccess(body -> {
            ARRIVED.release();
            if (answer && new JsonObject(body).getBoolean("stream", false)) {
                request.response().setChunked(true).putHeader("content-type", "text/event-stream")
                        .write("data: " + new JsonObject()
                                .put("id", "chatcmpl-1").put("object", "chat.completion.chunk").put("created", 0)
                                .put("model", "gpt-x")
                                .put("choices", new JsonArray().add(new JsonObject()
                                        .put("index", 0)
                                        .put("delta", new JsonObject().put("role", "assistant").put("content", "Hello"))
                                        .putNull("finish_reason")))
                                .encode() + "\n\n");
            }
        });
    }

    @ParameterizedTest(name = "stream={0}, upstream answered={1}")
    @CsvSource({"true, true", "true, false", "false, false"})
    void a_client_that_leaves_closes_the_upstream_call(boolean stream, boolean answered) throws Exception {
        answer = answered;
        ARRIVED.drainPermits();
        CLOSED.drainPermits();
        String stage = answered ? "after_first_token" : "before_first_token";
        double before = Scrapes.scrape(gateway).value("junction_cancellations_total", "backend", "openai", "stage", stage);
        String body = new JsonObject()
                .put("model", "gpt-x")
                .put("stream", stream)
                .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", "hi")))
                .encode();

        try (RawRequest request = RawRequest.post(gateway.port(), "/v1/chat/completions", body)) {
            assertThat(ARRIVED.tryAcquire(10, TimeUnit.SECONDS)).as("the upstream got the call").isTrue();
            if (answered) {
                request.readUntil("Hello");
            }
        }

        assertThat(CLOSED.tryAcquire(2, TimeUnit.SECONDS)).as("the upstream connection closed").isTrue();
        PrometheusText text = Scrapes.until(gateway, "the cancellation at " + stage, scrape ->
                scrape.value("junction_cancellations_total", "backend", "openai", "stage", stage) == before + 1);
        assertThat(text.names("vertx_http_client_")).as("upstream calls are metered by junction_* alone").isEmpty();
        assertThat(text.names("vertx_net_client_")).isEmpty();
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
