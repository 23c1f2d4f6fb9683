package dev.junction.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StartupRunsTest {

    @Test
    void warm_up_ends_with_the_first_whole_second_within_ten_percent_of_the_last_five_seconds_mean() {
        long[] answers = {300, 1000, 5000, 9500, 8000, 10000, 10000, 10200, 9800, 10000, 10000, 4000};
        JsonObject perSecond = new JsonObject();
        for (int i = 0; i < answers.length; i++) {
            perSecond.put(Long.toString(1_800_000_003L + i), answers[i]);
        }
        JsonObject run = new JsonObject()
                .put("scenario", "warmup")
                .put("requests", 87_800)
                .put("duration_us", 11_500_000)
                .put("lat_p50_us", 3000)
                .put("lat_p99_us", 9000)
                .put("proxy_ticks", 1035)
                .put("clk_tck", 100)
                .put("proxy_hwm_kib", 150 * 1024)
                .put("spawn_epoch_ms", 1_800_000_000_500L)
                .put("answers_per_second", perSecond);

        String section = section(List.of(start("warmup", 2500), run));

        assertThat(section)
                .contains("| steady state: mean of the last 5 whole seconds, req/s | 10000 |")
                .contains("| first second within 10 % of it ends, s after the start | 6.5 |")
                .contains("| every second from then on within 10 %: from the one ending, s after the start | 8.5 |")
                .contains("| whole run: req/s, p50 ms, p99 ms, gateway core busy | 7635, 3.000, 9.000, 90 % |")
                .contains("| peak RSS after the run MiB | 150 |")
                .contains("| 1 | 4.5 | 1000 | 0.10× |")
                .contains("| 10 | 13.5 | 10000 | 1.00× |")
                .doesNotContain("| 11 |")
                .doesNotContain("| 300 |");
    }

    @Test
    void each_way_of_starting_gets_the_median_of_its_starts() {
        String section = section(List.of(
                start("readme", 2000), start("no-appcds", 4100), start("readme", 3000),
                start("no-appcds", 4300), start("warmup", 2600)));

        assertThat(section)
                .contains("| README command (with the AppCDS archive when `mvn package` made one) | 3 | 1900 | 2600 | 2000 | 3000 | 1300 | 100 |")
                .contains("| the same without the AppCDS archive (the JDK's own archive only) | 2 | 3500 | 4200 | 4100 | 4300 | 2100 | 100 |")
                .doesNotContain("steady state");
    }

    private static JsonObject start(String label, double firstAnswerMs) {
        return new JsonObject()
                .put("kind", "start")
                .put("label", label)
                .put("listen_ms", firstAnswerMs - 700)
                .put("first_answer_ms", firstAnswerMs)
                .put("cpu_ms", firstAnswerMs / 2)
                .put("rss_kib", 100 * 1024);
    }

    private static String section(List<JsonObject> lines) {
        StringBuilder md = new StringBuilder();
        new StartupRuns(lines).section(md, Map.of("startup_command", "gateway/target/junction"));
        return md.toString();
    }
}
