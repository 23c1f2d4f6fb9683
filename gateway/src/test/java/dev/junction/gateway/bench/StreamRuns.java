package dev.junction.gateway.bench;

import static dev.junction.gateway.bench.BenchReport.fmt;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * The streaming runs of one benchmark ({@link StreamLoad} summaries), labelled
 * {@code <path>/<pacing>/<concurrency>}: path {@code direct}, {@code nginx} or {@code junction},
 * pacing {@code unpaced} or {@code paced}.
 */
final class StreamRuns {

    static final List<String> PATHS = List.of("direct", "nginx", "junction");
    static final List<String> PACINGS = List.of("unpaced", "paced");
    private static final Map<String, String> NAMES =
            Map.of("direct", "direct: client → mock", "nginx", "nginx → mock", "junction", "Junction, openai plugin → mock");

    /** Below this many clock ticks (10 ms each) of proxy CPU, CPU per stream is too coarse to show. */
    static final long MIN_TICKS = 20;

    private final List<JsonObject> runs;

    StreamRuns(List<JsonObject> runs) {
        this.runs = runs;
    }

    JsonObject run(String path, String pacing, int concurrency) {
        String label = path + "/" + pacing + "/" + concurrency;
        JsonObject found = null;
        for (JsonObject run : runs) {
            if (label.equals(run.getString("label"))) {
                found = run;
            }
        }
        return found;
    }

    /** Junction against nginx for each streaming run both have: throughput and proxy CPU per stream. */
    void ratios(StringBuilder md) {
        md.append("| streaming run | streams/s ÷ nginx | proxy CPU/stream ÷ nginx | TTFB added p50, Junction − nginx ms |\n")
                .append("|---|---:|---:|---:|\n");
        for (String pacing : PACINGS) {
            for (int concurrency : List.of(1, 64)) {
                JsonObject junction = run("junction", pacing, concurrency);
                JsonObject nginx = run("nginx", pacing, concurrency);
                if (junction == null || nginx == null) {
                    continue;
                }
                boolean cpu = junction.getLong("proxy_ticks", 0L) >= MIN_TICKS && nginx.getLong("proxy_ticks", 0L) >= MIN_TICKS;
                md.append("| ").append(pacing).append(", ").append(concurrency).append(" at once | ")
                        .append(fmt(junction.getDouble("streams_per_second") / nginx.getDouble("streams_per_second"), 2))
                        .append("× | ")
                        .append(cpu
                                ? fmt(junction.getDouble("proxy_cpu_us_per_stream") / nginx.getDouble("proxy_cpu_us_per_stream"), 1) + "×"
                                : "–")
                        .append(" | ").append(fmt(junction.getDouble("ttfb_p50_ms") - nginx.getDouble("ttfb_p50_ms"), 3))
                        .append(" |\n");
            }
        }
        md.append("\nA paced run's throughput is set by the pacing (100 chunks take 1 s), so its ratio is about 1.\n\n");
    }

    static double ttfbAdded(JsonObject run, JsonObject direct) {
        return run == null || direct == null ? Double.NaN : run.getDouble("ttfb_p50_ms") - direct.getDouble("ttfb_p50_ms");
    }

    void table(StringBuilder md) {
        md.append("## Streaming: 100-chunk SSE streams (OpenAI client)\n\n")
                .append("| path | pacing | concurrent | streams | streams/s | proxy CPU µs/stream | TTFB p50 ms"
                        + " | TTFB p99 ms | TTFB added p50 ms | total p50 ms | total p99 ms | gap p50 ms | max gap ms"
                        + " | max events/read | spread | stalled | short | failed |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String pacing : PACINGS) {
            for (int concurrency : List.of(1, 64)) {
                for (String path : PATHS) {
                    JsonObject run = run(path, pacing, concurrency);
                    if (run == null) {
                        continue;
                    }
                    JsonObject direct = run("direct", pacing, concurrency);
                    md.append("| ").append(NAMES.get(path))
                            .append(" | ").append(pacing.equals("paced") ? "10 ms" : "none")
                            .append(" | ").append(concurrency)
                            .append(" | ").append(run.getInteger("streams"))
                            .append(" | ").append(fmt(run.getDouble("streams_per_second", Double.NaN), 1))
                            .append(" | ").append(run.getLong("proxy_ticks", 0L) < MIN_TICKS
                                    ? "–"
                                    : fmt(run.getDouble("proxy_cpu_us_per_stream", Double.NaN), 0))
                            .append(" | ").append(fmt(run.getDouble("ttfb_p50_ms"), 3))
                            .append(" | ").append(fmt(run.getDouble("ttfb_p99_ms"), 3))
                            .append(" | ").append(path.equals("direct") ? "–" : fmt(ttfbAdded(run, direct), 3))
                            .append(" | ").append(fmt(run.getDouble("total_p50_ms"), 1))
                            .append(" | ").append(fmt(run.getDouble("total_p99_ms"), 1))
                            .append(" | ").append(fmt(run.getDouble("gap_p50_ms"), 2))
                            .append(" | ").append(fmt(run.getDouble("gap_max_ms"), 1))
                            .append(" | ").append(run.getInteger("max_events_per_read"))
                            .append(" | ").append(pacing.equals("paced") ? fmt(run.getDouble("spread_min"), 2) : "–")
                            .append(" | ").append(run.getInteger("stalled_streams"))
                            .append(" | ").append(run.getInteger("short_streams"))
                            .append(" | ").append(run.getInteger("failures"))
                            .append(" |\n");
                }
            }
        }
        md.append("\nEach run is a closed loop: the client keeps that many streams open until the count is done,"
                + " after warm-up streams that are not counted. Proxy CPU is the proxy's utime + stime during the"
                + " counted streams, divided by them (left out below 20 clock ticks, 200 ms, too coarse). TTFB is the time from sending the request to the first body bytes; total, to the end of"
                + " the stream. Gaps are between consecutive SSE events as read by the client (events in one read"
                + " share its time). \"max events/read\" is the most events that arrived in a single read: a relay"
                + " that buffers a paced stream delivers it in one burst. \"spread\" (paced only) is the smallest,"
                + " over all streams, of (last event − first event) ÷ (99 × 10 ms): 1.0 means the chunks arrived as"
                + " paced. A stream is \"stalled\" when two events are more than the stall limit apart (250 ms),"
                + " \"short\" when it carried fewer than 100 events.\n\n");
    }
}
