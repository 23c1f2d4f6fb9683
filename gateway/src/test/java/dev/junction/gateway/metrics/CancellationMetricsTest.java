package dev.junction.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.support.PluginJar;
import dev.junction.gateway.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import dev.junction.gateway.support.PrometheusText;
import dev.junction.gateway.support.Scrapes;

/**
 * Clients that go away, streaming or not, before or after the backend's first event: the backend
 * is told (its {@code onCancel} runs) and {@code /metrics} counts the cancellation by stage; the
 * backend's gauges count requests while they run.
 */
@Timeout(60)
class CancellationMetricsTest {

    private static TestGateway gateway;

    @BeforeAll
    static void start(@TempDir Path dir) {
        Path plugins = dir.resolve("plugins");
        PluginJar.write(plugins, "paced", ">=0.1.0", PacedBackendFactory.class,
                PacedBackendFactory.class, PacedBackendFactory.PacedBackend.class);
        gateway = TestGateway.builder(dir)
                .plugins(plugins)
                .backends("  talky:\n    plugin: paced\n    models: [\"talky-*\"]\n"
                        + "  silent:\n    plugin: paced\n    models: [\"silent-*\"]\n    options: {silent: true}\n")
                .start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static String chat(String model, boolean stream) {
        return new JsonObject()
                .put("model", model)
                .put("stream", stream)
                .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", "go on")))
                .encode();
    }

    @ParameterizedTest(name = "stream={0}, backend answered={1}")
    @CsvSource({"true, true", "true, false", "false, true", "false, false"})
    void a_client_that_leaves_cancels_the_backend_and_is_counted(boolean stream, boolean answered) throws Exception {
        String backend = answered ? "talky" : "silent";
        String model = backend + "-" + (stream ? "stream" : "json");
        String stage = answered ? "after_first_token" : "before_first_token";
        PacedProbe probe = PacedProbe.of(model);
        double cancelledBefore = Scrapes.scrape(gateway).value("junction_cancellations_total", "backend", backend, "stage", stage);

        try (RawRequest request = RawRequest.post(gateway.port(), "/v1/chat/completions", chat(model, stream))) {
            assertThat(PacedProbe.await(probe.started(), 1, 10)).as("the backend got the request").isTrue();
            if (answered && stream) {
                request.readUntil("word0");
            } else if (answered) {
                // Nothing comes back before the whole answer: let the backend get a few words out.
                assertThat(PacedProbe.await(probe.deltas(), 3, 10)).isTrue();
            }
        }

        assertThat(PacedProbe.await(probe.cancelled(), 1, 2)).as("the backend's onCancel ran").isTrue();
        PrometheusText text = Scrapes.until(gateway, "the cancellation", scrape ->
                scrape.value("junction_cancellations_total", "backend", backend, "stage", stage) == cancelledBefore + 1);
        assertThat(text.value("junction_requests_total", "backend", backend, "outcome", "cancelled"))
                .isGreaterThanOrEqualTo(1);
    }

    /** Vert.x's HTTP server meters see a client that leaves mid-stream as a reset, not as a response. */
    @Test
    void a_client_that_leaves_mid_stream_is_a_reset_of_the_http_server() throws Exception {
        PacedProbe probe = PacedProbe.of("talky-reset");
        PrometheusText before = Scrapes.scrape(gateway);
        double resets = before.value("vertx_http_server_request_resets_total", "method", "POST");
        double served = before.value("vertx_http_server_requests_total", "method", "POST");

        try (RawRequest request = RawRequest.post(gateway.port(), "/v1/chat/completions", chat("talky-reset", true))) {
            request.readUntil("word0");
            assertThat(Scrapes.scrape(gateway).value("vertx_http_server_active_requests", "method", "POST"))
                    .as("the stream in progress").isGreaterThanOrEqualTo(1);
        }

        assertThat(PacedProbe.await(probe.cancelled(), 1, 10)).isTrue();
        PrometheusText text = Scrapes.until(gateway, "the reset", scrape ->
                scrape.value("vertx_http_server_request_resets_total", "method", "POST") == resets + 1);
        assertThat(text.value("vertx_http_server_requests_total", "method", "POST")).as("not a response").isEqualTo(served);
        assertThat(text.value("vertx_http_server_active_requests", "method", "POST")).isZero();
    }

    /** The backend runs 32 requests at a time (its worker pool); the rest wait in the pool's queue. */
    @Test
    void gauges_count_requests_in_flight_and_queued_until_they_end() throws Exception {
        PacedProbe probe = PacedProbe.of("silent-crowd");
        List<RawRequest> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 34; i++) {
                clients.add(RawRequest.post(gateway.port(), "/v1/chat/completions", chat("silent-crowd", false)));
            }
            assertThat(PacedProbe.await(probe.started(), 32, 10)).isTrue();
            Scrapes.until(gateway, "32 requests in flight and 2 queued", scrape ->
                    scrape.value("junction_backend_in_flight", "backend", "silent") == 32
                            && scrape.value("junction_backend_queued", "backend", "silent") == 2);
        } finally {
            for (RawRequest client : clients) {
                client.close();
            }
        }
        Scrapes.until(gateway, "nothing in flight or queued", scrape ->
                scrape.value("junction_backend_in_flight", "backend", "silent") == 0
                        && scrape.value("junction_backend_queued", "backend", "silent") == 0);
        assertThat(PacedProbe.await(probe.cancelled(), 32, 5)).as("every running request's onCancel ran").isTrue();
    }
}
