package dev.junction.gateway.bench;

import static dev.junction.gateway.bench.BenchReport.fmt;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The start-up phase of one benchmark ({@code gateway/bench/startup.sh}): the README's run command
 * started again and again, each time until its first answer ({@link StartupProbe}'s lines:
 * {@code kind} "start", labelled {@code readme}, {@code no-appcds} or {@code warmup}), then
 * one-second wrk runs at 64 connections after one more start (run_wrk's lines, scenario
 * {@code warmup}, with {@code start_ms} and {@code end_ms} since the start). Steady state is the
 * mean throughput of the last {@value #STEADY_RUNS} runs; warm-up ends with the first run within
 * 10 % of it.
 */
final class StartupRuns {

    static final int STEADY_RUNS = 5;

    private final List<JsonObject> starts;
    private final List<JsonObject> slices;

    StartupRuns(List<JsonObject> lines) {
        this.starts = lines.stream().filter(line -> "start".equals(line.getString("kind"))).toList();
        this.slices = lines.stream().filter(line -> "warmup".equals(line.getString("scenario"))).toList();
    }

    boolean isEmpty() {
        return starts.isEmpty();
    }

    void section(StringBuilder md, Map<String, String> env) {
        md.append("## Start-up and warm-up of the README's run command\n\n| | |\n|---|---|\n");
        BenchReport.envRows(md, env, new String[][] {
            {"command", "startup_command"}, {"load on the machine before the phase", "startup_loadavg"},
        });
        md.append("\n| start | runs | listening p50 ms | first answer p50 ms | min ms | max ms"
                        + " | CPU until then p50 ms | RSS then p50 MiB |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        startRow(md, "README command (with the AppCDS archive when `mvn package` made one)", List.of("readme", "warmup"));
        startRow(md, "the same without the AppCDS archive (the JDK's own archive only)", List.of("no-appcds"));
        md.append("\nFrom the launcher's start (taskset exec'd, as the README runs it) to the first TCP connection the gateway"
                + " accepted (listening) and to the first 200 answer through the openai plugin → mock; CPU is the JVM's"
                + " utime + stime by then (JIT and GC threads included), RSS its VmRSS then.\n\n");
        if (slices.size() > STEADY_RUNS) {
            warmUp(md);
        }
    }

    private void startRow(StringBuilder md, String label, List<String> labels) {
        List<JsonObject> runs = starts.stream().filter(run -> labels.contains(run.getString("label"))).toList();
        if (runs.isEmpty()) {
            return;
        }
        md.append("| ").append(label)
                .append(" | ").append(runs.size())
                .append(" | ").append(fmt(median(runs, run -> run.getDouble("listen_ms")), 0))
                .append(" | ").append(fmt(median(runs, run -> run.getDouble("first_answer_ms")), 0))
                .append(" | ").append(fmt(runs.stream().mapToDouble(run -> run.getDouble("first_answer_ms")).min().orElseThrow(), 0))
                .append(" | ").append(fmt(runs.stream().mapToDouble(run -> run.getDouble("first_answer_ms")).max().orElseThrow(), 0))
                .append(" | ").append(fmt(median(runs, run -> run.getDouble("cpu_ms")), 0))
                .append(" | ").append(fmt(median(runs, run -> run.getLong("rss_kib") / 1024.0), 0))
                .append(" |\n");
    }

    private void warmUp(StringBuilder md) {
        double steady = slices.subList(slices.size() - STEADY_RUNS, slices.size()).stream()
                .mapToDouble(HttpRuns::rps)
                .average()
                .orElseThrow();
        int first = -1;
        int stays = slices.size();
        for (int i = slices.size() - 1; i >= 0; i--) {
            if (Math.abs(HttpRuns.rps(slices.get(i)) - steady) <= steady * 0.1) {
                first = i;
                if (stays == i + 1) {
                    stays = i;
                }
            }
        }
        JsonObject last = slices.get(slices.size() - 1);
        md.append("| warm-up, 64 connections, one-second runs | |\n|---|---:|\n")
                .append("| steady state: mean of the last ").append(STEADY_RUNS).append(" runs, req/s | ")
                .append(fmt(steady, 0)).append(" |\n")
                .append("| first run within 10 % of it ends, s after the start | ")
                .append(first < 0 ? "–" : fmt(slices.get(first).getLong("end_ms") / 1e3, 1)).append(" |\n")
                .append("| every run from then on within 10 %: from the one ending, s after the start | ")
                .append(stays == slices.size() ? "–" : fmt(slices.get(stays).getLong("end_ms") / 1e3, 1)).append(" |\n")
                .append("| first run: req/s, ÷ steady state | ").append(fmt(HttpRuns.rps(slices.get(0)), 0))
                .append(", ").append(fmt(HttpRuns.rps(slices.get(0)) / steady, 2)).append("× |\n")
                .append("| peak RSS after the last run MiB | ").append(fmt(HttpRuns.peakMiB(last), 0)).append(" |\n\n")
                .append("| run | ends, s after the start | req/s | ÷ steady state | p50 ms | p99 ms | gateway core busy |\n")
                .append("|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int i = 0; i < slices.size(); i++) {
            JsonObject slice = slices.get(i);
            md.append("| ").append(i + 1)
                    .append(" | ").append(fmt(slice.getLong("end_ms") / 1e3, 1))
                    .append(" | ").append(fmt(HttpRuns.rps(slice), 0))
                    .append(" | ").append(fmt(HttpRuns.rps(slice) / steady, 2)).append('×')
                    .append(" | ").append(fmt(HttpRuns.p50(slice), 3))
                    .append(" | ").append(fmt(HttpRuns.p99(slice), 3))
                    .append(" | ").append(fmt(HttpRuns.busy(slice), 0)).append(" % |\n");
        }
        md.append("\nA run is wrk's `-d1s` with 64 fresh connections; the gaps between runs (wrk starting) are in"
                + " the times.\n\n");
    }

    private static double median(List<JsonObject> runs, ToDoubleFunction<JsonObject> value) {
        double[] sorted = runs.stream().mapToDouble(value).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
