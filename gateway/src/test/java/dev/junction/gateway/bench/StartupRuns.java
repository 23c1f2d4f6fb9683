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
 * one wrk run at 64 connections after one more start (run_wrk's line, scenario {@code warmup}, with
 * {@code spawn_epoch_ms} and {@code answers_per_second}: 200 answers per epoch second). Steady
 * state is the mean of the last {@value #STEADY_SECONDS} whole seconds; warm-up ends with the first
 * second within 10 % of it.
 */
final class StartupRuns {

    static final int STEADY_SECONDS = 5;

    private final List<JsonObject> starts;
    private final JsonObject run;
    private final List<Second> seconds;

    StartupRuns(List<JsonObject> lines) {
        this.starts = lines.stream().filter(line -> "start".equals(line.getString("kind"))).toList();
        this.run = lines.stream()
                .filter(line -> "warmup".equals(line.getString("scenario")))
                .reduce((first, last) -> last)
                .orElse(null);
        this.seconds = seconds(run);
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
        if (seconds.size() >= STEADY_SECONDS) {
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
        double steady = seconds.subList(seconds.size() - STEADY_SECONDS, seconds.size()).stream()
                .mapToLong(Second::answers)
                .average()
                .orElseThrow();
        int first = -1;
        int stays = seconds.size();
        for (int i = seconds.size() - 1; i >= 0; i--) {
            if (Math.abs(seconds.get(i).answers() - steady) <= steady * 0.1) {
                first = i;
                if (stays == i + 1) {
                    stays = i;
                }
            }
        }
        md.append("| warm-up: one wrk run at 64 connections after a start | |\n|---|---:|\n")
                .append("| steady state: mean of the last ").append(STEADY_SECONDS).append(" whole seconds, req/s | ")
                .append(fmt(steady, 0)).append(" |\n")
                .append("| first second within 10 % of it ends, s after the start | ")
                .append(first < 0 ? "–" : fmt(seconds.get(first).endMs() / 1e3, 1)).append(" |\n")
                .append("| every second from then on within 10 %: from the one ending, s after the start | ")
                .append(stays == seconds.size() ? "–" : fmt(seconds.get(stays).endMs() / 1e3, 1)).append(" |\n")
                .append("| whole run: req/s, p50 ms, p99 ms, gateway core busy | ")
                .append(fmt(HttpRuns.rps(run), 0)).append(", ").append(fmt(HttpRuns.p50(run), 3)).append(", ")
                .append(fmt(HttpRuns.p99(run), 3)).append(", ").append(fmt(HttpRuns.busy(run), 0)).append(" % |\n")
                .append("| peak RSS after the run MiB | ").append(fmt(HttpRuns.peakMiB(run), 0)).append(" |\n\n")
                .append("| second | ends, s after the start | answers | ÷ steady state |\n|---:|---:|---:|---:|\n");
        for (int i = 0; i < seconds.size(); i++) {
            Second second = seconds.get(i);
            md.append("| ").append(i + 1)
                    .append(" | ").append(fmt(second.endMs() / 1e3, 1))
                    .append(" | ").append(second.answers())
                    .append(" | ").append(fmt(second.answers() / steady, 2)).append("× |\n");
        }
        md.append("\nOne wrk run, its 200 answers counted per second of the clock (`gateway/bench/slices.lua`); the"
                + " run's first and last seconds, partial, are left out.\n\n");
    }

    /** The whole seconds of the warm-up run, in order: when each ended, counted from the start, and its answers. */
    private static List<Second> seconds(JsonObject run) {
        if (run == null || !run.containsKey("answers_per_second")) {
            return List.of();
        }
        JsonObject answers = run.getJsonObject("answers_per_second");
        List<Long> epochSeconds = answers.fieldNames().stream().map(Long::parseLong).sorted().toList();
        if (epochSeconds.size() < 3) {
            return List.of();
        }
        long start = run.getLong("spawn_epoch_ms");
        return epochSeconds.subList(1, epochSeconds.size() - 1).stream()
                .map(second -> new Second((second + 1) * 1000 - start, answers.getLong(Long.toString(second))))
                .toList();
    }

    /** One whole second of the warm-up run. */
    private record Second(long endMs, long answers) {}

    private static double median(List<JsonObject> runs, ToDoubleFunction<JsonObject> value) {
        double[] sorted = runs.stream().mapToDouble(value).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
