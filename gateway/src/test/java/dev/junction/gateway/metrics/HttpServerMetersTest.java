package dev.junction.gateway.metrics;

import static dev.junction.gateway.support.ObservedHttp.request;
import static dev.junction.gateway.support.ObservedHttp.response;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.spi.observability.HttpRequest;
import org.junit.jupiter.api.Test;
import dev.junction.gateway.support.PrometheusText;

/** The HTTP server's meters as Vert.x drives them: by method and code, never by path. */
class HttpServerMetersTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HttpServerMeters meters = new HttpServerMeters(registry);

    private PrometheusText scrape() {
        return PrometheusText.parse(registry.scrape());
    }

    @Test
    void counts_a_request_by_method_and_code_while_it_is_active_and_after() {
        HttpRequest request = request(HttpMethod.POST, "/v1/chat/completions?secret=x");
        HttpServerMeters.Request metric = meters.requestBegin(request.remoteAddress(), request);
        assertThat(scrape().value("vertx_http_server_active_requests", "method", "POST")).isEqualTo(1);

        meters.requestEnd(metric, request, 120);
        meters.responseEnd(metric, response(200), 340);
        meters.requestReset(metric);

        PrometheusText text = scrape();
        assertThat(text.value("vertx_http_server_active_requests", "method", "POST")).isZero();
        assertThat(text.value("vertx_http_server_requests_total", "method", "POST", "code", "200")).isEqualTo(1);
        assertThat(text.value("vertx_http_server_response_time_seconds_count", "method", "POST", "code", "200")).isEqualTo(1);
        assertThat(text.value("vertx_http_server_request_bytes_sum", "method", "POST")).isEqualTo(120);
        assertThat(text.value("vertx_http_server_response_bytes_sum", "method", "POST", "code", "200")).isEqualTo(340);
        assertThat(text.find("vertx_http_server_request_resets_total")).as("a reset after the response ended").isEmpty();
        assertThat(text.samples()).allSatisfy(sample -> assertThat(sample.labels().values()).noneMatch(v -> v.contains("/v1")));
    }

    @Test
    void a_reset_request_counts_as_reset_not_as_served() {
        HttpRequest request = request(HttpMethod.GET, "/v1/models");
        HttpServerMeters.Request metric = meters.requestBegin(request.remoteAddress(), request);

        meters.requestReset(metric);
        meters.responseEnd(metric, response(200), 10);

        PrometheusText text = scrape();
        assertThat(text.value("vertx_http_server_request_resets_total", "method", "GET")).isEqualTo(1);
        assertThat(text.find("vertx_http_server_requests_total")).isEmpty();
        assertThat(text.value("vertx_http_server_active_requests", "method", "GET")).isZero();
    }

    @Test
    void an_unusual_method_counts_as_other() {
        HttpRequest request = request(HttpMethod.valueOf("BREW"), "/coffee");
        meters.responseEnd(meters.requestBegin(request.remoteAddress(), request), response(404), 0);

        assertThat(scrape().labelValues("vertx_http_server_requests_total", "method")).containsExactly("OTHER");
    }
}
