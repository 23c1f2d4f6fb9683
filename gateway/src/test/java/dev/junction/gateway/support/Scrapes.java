package dev.junction.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Reads a test gateway's {@code /metrics} as Prometheus would: a plain GET, no key. */
public final class Scrapes {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Scrapes() {}

    /** The gateway's meters now; fails unless {@code /metrics} answers 200 in Prometheus text format. */
    public static PrometheusText scrape(TestGateway gateway) {
        return scrape(gateway.port());
    }

    /** The meters of the gateway on {@code port} of the loopback address (one in another process, say). */
    public static PrometheusText scrape(int port) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            return PrometheusText.parse(response.body());
        } catch (Exception e) {
            throw new AssertionError("GET /metrics failed", e);
        }
    }

    /**
     * Scrapes until {@code condition} holds (a request is counted as its response ends, which may
     * come just after the client read it), for up to 5 seconds.
     */
    public static PrometheusText until(TestGateway gateway, String description, Predicate<PrometheusText> condition) {
        return until(gateway.port(), Duration.ofSeconds(5), description, condition);
    }

    /** Scrapes the gateway on {@code port} until {@code condition} holds, for up to {@code timeout}. */
    public static PrometheusText until(int port, Duration timeout, String description, Predicate<PrometheusText> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        PrometheusText text = scrape(port);
        while (!condition.test(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the metrics never showed " + description);
            }
            pause();
            text = scrape(port);
        }
        return text;
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
