package dev.junction.gateway.bench;

import static dev.junction.gateway.bench.BenchReport.fmt;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The non-streaming wrk runs of one benchmark: each line holds wrk's counts and latency
 * percentiles (µs), and what the script read from {@code /proc} around the run: the proxy's and
 * the mock's CPU ticks (utime + stime) and the proxy's peak RSS (VmHWM, KiB).
 */
final class HttpRuns {

    static final Map<String, String> SCENARIOS = new LinkedHashMap<>();

    static {
        SCENARIOS.put("direct", "direct: wrk → mock");
        SCENARIOS.put("nginx", "nginx → mock");
        SCENARIOS.put("junction-openai", "Junction, openai plugin → mock");
        SCENARIOS.put("junction-echo", "Junction, echo plugin");
        SCENARIOS.put("junction-cross", "Junction, Anthropic client → openai plugin → mock");
    }

    private final List<JsonObject> runs;

    HttpRuns(List<JsonObject> runs) {
        this.runs = runs;
    }

    JsonObject run(String scenario, int connections) {
        JsonObject found = null;
        for (JsonObject run : runs) {
            if (scenario.equals(run.getString("scenario")) && run.getInteger("connections") == connections) {
                found = run;
            }
        }
        return found;
    }

    static double seconds(JsonObject run) {
        return run.getLong("duration_us") / 1e6;
    }

    static double rps(JsonObject run) {
        return run == null ? Double.NaN : run.getLong("requests") / seconds(run);
    }

    static double p50(JsonObject run) {
        return run == null ? Double.NaN : run.getLong("lat_p50_us") / 1e3;
    }

    static double p99(JsonObject run) {
        return run == null ? Double.NaN : run.getLong("lat_p99_us") / 1e3;
    }

    /** Proxy CPU (user + system) per request, µs; NaN for the direct run. */
    static double cpuPerRequest(JsonObject run) {
        return run == null || !run.containsKey("proxy_ticks")
                ? Double.NaN
                : run.getLong("proxy_ticks") * 1e6 / run.getLong("clk_tck") / run.getLong("requests");
    }

    static double mockCpuPerRequest(JsonObject run) {
        return run == null || !run.containsKey("mock_ticks")
                ? Double.NaN
                : run.getLong("mock_ticks") * 1e6 / run.getLong("clk_tck") / run.getLong("requests");
    }

    /** The proxy's CPU time over the wall time: 100 % is its whole core. */
    static double busy(JsonObject run) {
        return run == null || !run.containsKey("proxy_ticks")
                ? Double.NaN
                : run.getLong("proxy_ticks") * 100.0 / run.getLong("clk_tck") / seconds(run);
    }

    static double peakMiB(JsonObject run) {
        return run == null || !run.containsKey("proxy_hwm_kib") ? Double.NaN : run.getLong("proxy_hwm_kib") / 1024.0;
    }

    static long errors(JsonObject run) {
        return run.getLong("errors_connect", 0L) + run.getLong("errors_read", 0L) + run.getLong("errors_write", 0L)
                + run.getLong("errors_status", 0L) + run.getLong("errors_timeout", 0L);
    }

    /**
     * Appends the cells req/s, p50, p99, added p50 and added p99 of {@code run}, the added ones over
     * {@code direct} ("–" when {@code run} is the direct run itself).
     */
    static StringBuilder latencyCells(StringBuilder md, JsonObject run, JsonObject direct) {
        boolean isDirect = run == direct;
        return md.append(" | ").append(fmt(rps(run), 0))
                .append(" | ").append(fmt(p50(run), 3))
                .append(" | ").append(fmt(p99(run), 3))
                .append(" | ").append(isDirect ? "–" : fmt(p50(run) - p50(direct), 3))
                .append(" | ").append(isDirect ? "–" : fmt(p99(run) - p99(direct), 3));
    }

    TreeSet<Integer> connections() {
        TreeSet<Integer> set = new TreeSet<>();
        runs.forEach(run -> set.add(run.getInteger("connections")));
        return set;
    }

    void table(StringBuilder md) {
        md.append("## Non-streaming chat completion (JSON in, JSON out)\n\n")
                .append("| path | conns | req/s | p50 ms | p99 ms | added p50 ms | added p99 ms | proxy CPU µs/req"
                        + " | proxy core busy | mock CPU µs/req | peak RSS MiB | errors |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, String> scenario : SCENARIOS.entrySet()) {
            for (int c : connections()) {
                JsonObject run = run(scenario.getKey(), c);
                if (run == null) {
                    continue;
                }
                JsonObject direct = run("direct", c);
                boolean isDirect = scenario.getKey().equals("direct");
                md.append("| ").append(scenario.getValue()).append(" | ").append(c);
                latencyCells(md, run, direct)
                        .append(" | ").append(fmt(cpuPerRequest(run), 1))
                        .append(" | ").append(isDirect ? "–" : fmt(busy(run), 0) + " %")
                        .append(" | ").append(fmt(mockCpuPerRequest(run), 1))
                        .append(" | ").append(fmt(peakMiB(run), 0))
                        .append(" | ").append(errors(run))
                        .append(" |\n");
            }
        }
        md.append("\n\"added\" is the latency percentile minus the direct run's at the same connection count."
                + " CPU is utime + stime of the proxy process (nginx: master + worker; Junction: the whole JVM,"
                + " with JIT and GC threads) over the run, divided by the requests. Peak RSS is VmHWM so far"
                + " (nginx: the worker). Every path gets the mock's JSON answer: the openai plugin asks its upstream"
                + " for a whole answer when the client does not stream.\n\n");
    }

    void ratios(StringBuilder md) {
        md.append("## Ratios against nginx, same run\n\n")
                .append("| path | conns | req/s ÷ nginx | CPU/req ÷ nginx | added p50 ÷ nginx's | added p99 ÷ nginx's |\n")
                .append("|---|---:|---:|---:|---:|---:|\n");
        for (String scenario : List.of("junction-openai", "junction-echo", "junction-cross")) {
            for (int c : connections()) {
                JsonObject run = run(scenario, c);
                JsonObject nginx = run("nginx", c);
                JsonObject direct = run("direct", c);
                if (run == null || nginx == null) {
                    continue;
                }
                md.append("| ").append(SCENARIOS.get(scenario)).append(" | ").append(c)
                        .append(" | ").append(fmt(rps(run) / rps(nginx), 2)).append('×')
                        .append(" | ").append(fmt(cpuPerRequest(run) / cpuPerRequest(nginx), 2)).append('×')
                        .append(" | ").append(ratio(p50(run) - p50(direct), p50(nginx) - p50(direct)))
                        .append(" | ").append(ratio(p99(run) - p99(direct), p99(nginx) - p99(direct)))
                        .append(" |\n");
            }
        }
        md.append("\nA latency ratio is shown only where nginx adds at least 0.01 ms.\n\n");
    }

    private static String ratio(double value, double base) {
        return base < 0.01 || Double.isNaN(base) ? "–" : fmt(value / base, 1) + "×";
    }
}
