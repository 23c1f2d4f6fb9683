package dev.junction.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import dev.junction.gateway.support.PrometheusText;

/** The meters' names, tags and values as Prometheus scrapes them. */
class GatewayMetricsTest {

    private final GatewayMetrics metrics = GatewayMetrics.create();

    private PrometheusText scrape() {
        return PrometheusText.parse(metrics.scrape());
    }

    private static EndedRequest chat(String outcome, Duration ttft, Integer input, Integer output) {
        return new EndedRequest("chat_completions", "openai", "echo", "echo", 200, outcome,
                ttft, Duration.ofMillis(700), input, output);
    }

    @Test
    void counts_an_ended_request_with_its_tags_latencies_and_tokens() {
        metrics.ended(chat("ok", Duration.ofMillis(80), 5, 3));

        PrometheusText text = scrape();
        assertThat(text.find("junction_requests_total")).singleElement().satisfies(sample -> {
            assertThat(sample.labels()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "endpoint", "chat_completions", "dialect", "openai", "backend", "echo", "route", "echo",
                    "status_class", "2xx", "outcome", "ok"));
            assertThat(sample.value()).isEqualTo(1);
        });
        assertThat(text.value("junction_request_duration_seconds_count", "backend", "echo")).isEqualTo(1);
        assertThat(text.value("junction_request_duration_seconds_bucket", "le", "0.5")).isZero();
        assertThat(text.value("junction_request_duration_seconds_bucket", "le", "1.0")).isEqualTo(1);
        assertThat(text.value("junction_time_to_first_token_seconds_bucket", "route", "echo", "le", "0.05")).isZero();
        assertThat(text.value("junction_time_to_first_token_seconds_bucket", "route", "echo", "le", "0.1")).isEqualTo(1);
        assertThat(text.labelValues("junction_request_duration_seconds_bucket", "le"))
                .contains("0.05", "600.0", "+Inf");
        assertThat(text.value("junction_tokens_total", "backend", "echo", "route", "echo", "direction", "input")).isEqualTo(5);
        assertThat(text.value("junction_tokens_total", "direction", "output")).isEqualTo(3);
        assertThat(text.find("junction_cancellations_total")).isEmpty();
    }

    @Test
    void names_the_node_in_one_info_series() {
        metrics.node("3f1c9a2e-node");

        PrometheusText text = scrape();
        assertThat(text.find("junction_node_info")).singleElement().satisfies(sample -> {
            assertThat(sample.labels()).containsExactlyEntriesOf(Map.of("node", "3f1c9a2e-node"));
            assertThat(sample.value()).isEqualTo(1);
        });
        assertThat(metrics.scrape()).contains("# TYPE junction_node_info gauge");
    }

    @Test
    void an_unrouted_request_counts_under_none() {
        metrics.ended(new EndedRequest("models", null, null, null, 404, "not_found", null, Duration.ofMillis(2), null, null));

        PrometheusText text = scrape();
        assertThat(text.value("junction_requests_total",
                "endpoint", "models", "dialect", "none", "backend", "none", "route", "none", "status_class", "4xx"))
                .isEqualTo(1);
        assertThat(text.find("junction_time_to_first_token_seconds_count")).isEmpty();
        assertThat(text.find("junction_tokens_total")).isEmpty();
    }

    @Test
    void a_cancellation_counts_by_whether_the_backend_had_answered_yet() {
        metrics.ended(chat(EndedRequest.CANCELLED, null, null, null));
        metrics.ended(chat(EndedRequest.CANCELLED, Duration.ofMillis(30), null, null));
        metrics.ended(chat(EndedRequest.CANCELLED, Duration.ofMillis(40), null, null));

        PrometheusText text = scrape();
        assertThat(text.value("junction_cancellations_total", "backend", "echo", "stage", "before_first_token")).isEqualTo(1);
        assertThat(text.value("junction_cancellations_total", "backend", "echo", "stage", "after_first_token")).isEqualTo(2);
        assertThat(text.value("junction_requests_total", "outcome", "cancelled")).isEqualTo(3);
    }

    @Test
    void counts_retries_and_fallbacks_by_backend() {
        metrics.retried("openai");
        metrics.retried("openai");
        metrics.fellBack("openai", "anthropic");

        PrometheusText text = scrape();
        assertThat(text.value("junction_retries_total", "backend", "openai")).isEqualTo(2);
        assertThat(text.value("junction_fallbacks_total", "from", "openai", "to", "anthropic")).isEqualTo(1);
    }

    @Test
    void backend_gauges_follow_a_request_from_queued_to_done() {
        BackendMeters meters = metrics.backend("slow");
        meters.up(true);
        BackendMeters.Request first = meters.accepted();
        BackendMeters.Request second = meters.accepted();
        assertThat(gauges("slow")).containsExactly(1.0, 2.0, 0.0);

        first.started();
        first.started();
        assertThat(gauges("slow")).containsExactly(1.0, 1.0, 1.0);

        second.ended();
        first.ended();
        first.ended();
        second.started();
        assertThat(gauges("slow")).as("a request cancelled while queued never runs").containsExactly(1.0, 0.0, 0.0);

        meters.up(false);
        assertThat(metrics.backend("slow")).isSameAs(meters);
        assertThat(gauges("slow")).containsExactly(0.0, 0.0, 0.0);
    }

    /** up, queued, in flight */
    private double[] gauges(String backend) {
        PrometheusText text = scrape();
        return new double[] {
            text.value("junction_backend_up", "backend", backend),
            text.value("junction_backend_queued", "backend", backend),
            text.value("junction_backend_in_flight", "backend", backend)
        };
    }

    @Test
    void plugin_states_replace_the_previous_ones() {
        metrics.plugins(Map.of("echo", "started", "future", "disabled"));
        metrics.plugins(Map.of("echo", "started"));

        PrometheusText text = scrape();
        assertThat(text.value("junction_plugins", "plugin", "echo", "state", "started")).isEqualTo(1);
        assertThat(text.find("junction_plugins", "plugin", "future")).isEmpty();
    }
}
