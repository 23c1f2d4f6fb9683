package dev.junction.gateway.bench;

import static dev.junction.gateway.bench.BenchReport.fmt;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The performance targets of the gateway (issue 14's), each checked against one run and reported as
 * met or missed with the measured value. A target whose runs are missing is reported as "not measured".
 */
final class Targets {

    /** Same dialect (OpenAI client, openai plugin): what the pass-through relay must reach. */
    static final double MIN_SAME_DIALECT_RPS_RATIO = 0.75;
    static final double MAX_SAME_DIALECT_CPU_RATIO = 1.75;
    /** Cross-dialect (Anthropic client, openai plugin): translated both ways. */
    static final double MIN_CROSS_RPS_RATIO = 0.5;
    static final double MAX_CROSS_CPU_RATIO = 2.5;
    static final double MAX_STREAM_CPU_RATIO = 3.0;
    static final double MAX_TTFB_ADDED_64_MS = 5.0;
    static final double MAX_TTFB_OVER_NGINX_MS = 1.0;
    static final double MAX_ADDED_P99_MS = 0.5;
    static final double MAX_ADDED_P50_MS = 0.15;
    static final double MIN_SPREAD = 0.9;
    static final int MAX_PACED_BURST = 10;
    static final double MAX_RSS_MIB = 256;
    static final double MAX_CLI_RATIO = 1.05;
    static final double MAX_BLOCKING_FACTOR = 2.0;
    static final double MAX_REFUSAL_CPU_RATIO = 1.0;

    private record Row(String target, String measured, Boolean met) {}

    private final List<Row> rows = new ArrayList<>();
    private final HttpRuns http;
    private final StreamRuns streams;

    Targets(HttpRuns http, StreamRuns streams, JsonObject cli, Map<String, String> env) {
        this.http = http;
        this.streams = streams;
        againstNginx("junction-openai", "same dialect (OpenAI client → openai plugin)",
                MIN_SAME_DIALECT_RPS_RATIO, MAX_SAME_DIALECT_CPU_RATIO);
        againstNginx("junction-cross", "cross-dialect (Anthropic client → openai plugin)",
                MIN_CROSS_RPS_RATIO, MAX_CROSS_CPU_RATIO);
        oneConnection();
        unpacedStreams();
        for (int concurrency : List.of(1, 64)) {
            JsonObject run = streams.run("junction", "paced", concurrency);
            String name = "paced streams arrive paced (" + concurrency + (concurrency == 1 ? " stream)" : " concurrent)");
            if (run == null) {
                missing(name);
                continue;
            }
            double spread = run.getDouble("spread_min");
            int burst = run.getInteger("max_events_per_read");
            add(name, "spread " + fmt(spread, 2) + " (≥ " + MIN_SPREAD + "), max " + burst + " events in one read (≤ "
                    + MAX_PACED_BURST + "), gap p50 " + fmt(run.getDouble("gap_p50_ms"), 2) + " ms",
                    spread >= MIN_SPREAD && burst <= MAX_PACED_BURST);
        }
        for (String pacing : StreamRuns.PACINGS) {
            JsonObject run = streams.run("junction", pacing, 64);
            String name = "64 concurrent " + pacing + " streams, no stall";
            if (run == null) {
                missing(name);
                continue;
            }
            int bad = run.getInteger("stalled_streams") + run.getInteger("short_streams") + run.getInteger("failures");
            add(name, run.getInteger("streams") + " streams, max gap " + fmt(run.getDouble("gap_max_ms"), 1)
                    + " ms, stalled " + run.getInteger("stalled_streams") + ", short " + run.getInteger("short_streams")
                    + ", failed " + run.getInteger("failures"), bad == 0);
        }
        if (env.containsKey("gateway_hwm_kib")) {
            double mib = Long.parseLong(env.get("gateway_hwm_kib")) / 1024.0;
            add("gateway peak RSS under load ≤ " + (int) MAX_RSS_MIB + " MiB", fmt(mib, 0) + " MiB (VmHWM after all load runs)",
                    mib <= MAX_RSS_MIB);
        } else {
            missing("gateway peak RSS under load");
        }
        if (cli != null) {
            double ratio = cli.getDouble("ratio");
            add("CLI through the gateway ≤ " + MAX_CLI_RATIO + "× the CLI run directly",
                    fmt(cli.getDouble("gateway_median_ms"), 1) + " vs " + fmt(cli.getDouble("direct_median_ms"), 1)
                            + " ms = " + fmt(ratio, 3) + "×",
                    ratio <= MAX_CLI_RATIO);
        } else {
            missing("CLI through the gateway against the CLI run directly");
        }
    }

    /** Requests per second and CPU per request of a path at 64 connections, against nginx's. */
    private void againstNginx(String scenario, String label, double minRps, double maxCpu) {
        JsonObject run = http.run(scenario, 64);
        JsonObject nginx = http.run("nginx", 64);
        if (run == null || nginx == null) {
            missing(label + ", 64 conns: req/s and CPU/req against nginx");
            return;
        }
        double rps = HttpRuns.rps(run) / HttpRuns.rps(nginx);
        add(label + ", 64 conns: req/s ≥ " + minRps + "× nginx",
                fmt(HttpRuns.rps(run), 0) + " vs " + fmt(HttpRuns.rps(nginx), 0) + " req/s = " + fmt(rps, 2) + "×",
                rps >= minRps);
        double cpu = HttpRuns.cpuPerRequest(run) / HttpRuns.cpuPerRequest(nginx);
        add(label + ", 64 conns: CPU/req ≤ " + maxCpu + "× nginx",
                fmt(HttpRuns.cpuPerRequest(run), 1) + " vs " + fmt(HttpRuns.cpuPerRequest(nginx), 1) + " µs = " + fmt(cpu, 2) + "×",
                cpu <= maxCpu);
    }

    /** Latency added over a direct call at one connection, after warm-up. */
    private void oneConnection() {
        JsonObject run = http.run("junction-openai", 1);
        JsonObject direct = http.run("direct", 1);
        if (run == null || direct == null) {
            missing("same dialect, 1 conn: latency added over direct");
            return;
        }
        double p99 = HttpRuns.p99(run) - HttpRuns.p99(direct);
        add("same dialect, 1 conn: p99 added over direct ≤ " + MAX_ADDED_P99_MS + " ms",
                fmt(HttpRuns.p99(run), 3) + " − " + fmt(HttpRuns.p99(direct), 3) + " = " + fmt(p99, 3) + " ms",
                p99 <= MAX_ADDED_P99_MS);
        double p50 = HttpRuns.p50(run) - HttpRuns.p50(direct);
        add("same dialect, 1 conn: p50 added over direct ≤ " + MAX_ADDED_P50_MS + " ms",
                fmt(HttpRuns.p50(run), 3) + " − " + fmt(HttpRuns.p50(direct), 3) + " = " + fmt(p50, 3) + " ms",
                p50 <= MAX_ADDED_P50_MS);
    }

    /** Unpaced 100-chunk streams: CPU and first byte at 64 at once, first byte of one alone against nginx. */
    private void unpacedStreams() {
        JsonObject run = streams.run("junction", "unpaced", 64);
        JsonObject nginx = streams.run("nginx", "unpaced", 64);
        JsonObject direct = streams.run("direct", "unpaced", 64);
        if (run == null || nginx == null || direct == null) {
            missing("64 unpaced streams: CPU per stream and time to first byte");
        } else {
            boolean counted = run.getLong("proxy_ticks", 0L) >= StreamRuns.MIN_TICKS
                    && nginx.getLong("proxy_ticks", 0L) >= StreamRuns.MIN_TICKS;
            String name = "64 unpaced streams: proxy CPU/stream ≤ " + MAX_STREAM_CPU_RATIO + "× nginx";
            if (counted) {
                double cpu = run.getDouble("proxy_cpu_us_per_stream") / nginx.getDouble("proxy_cpu_us_per_stream");
                add(name, fmt(run.getDouble("proxy_cpu_us_per_stream"), 0) + " vs "
                        + fmt(nginx.getDouble("proxy_cpu_us_per_stream"), 0) + " µs = " + fmt(cpu, 2) + "×", cpu <= MAX_STREAM_CPU_RATIO);
            } else {
                missing(name);
            }
            double added = StreamRuns.ttfbAdded(run, direct);
            add("64 unpaced streams: TTFB added p50 ≤ " + MAX_TTFB_ADDED_64_MS + " ms", fmt(added, 3) + " ms",
                    added <= MAX_TTFB_ADDED_64_MS);
        }
        JsonObject one = streams.run("junction", "unpaced", 1);
        JsonObject nginxOne = streams.run("nginx", "unpaced", 1);
        if (one == null || nginxOne == null) {
            missing("one unpaced stream: TTFB over nginx's");
        } else {
            double over = one.getDouble("ttfb_p50_ms") - nginxOne.getDouble("ttfb_p50_ms");
            add("one unpaced stream: TTFB p50 ≤ " + MAX_TTFB_OVER_NGINX_MS + " ms over nginx's",
                    fmt(one.getDouble("ttfb_p50_ms"), 3) + " − " + fmt(nginxOne.getDouble("ttfb_p50_ms"), 3) + " = "
                            + fmt(over, 3) + " ms", over <= MAX_TTFB_OVER_NGINX_MS);
        }
    }

    /** Adds the agent phase's targets: no head-of-line blocking, cheap refusals, cost no faster than the bytes. */
    Targets agent(AgentRuns agent) {
        double factor = agent.blockingFactor("junction");
        if (Double.isNaN(factor)) {
            missing("small streaming turns beside large requests: TTFB p99 ≤ " + MAX_BLOCKING_FACTOR + "× idle");
        } else {
            add("small streaming turns beside large requests: TTFB p99 ≤ " + MAX_BLOCKING_FACTOR + "× idle",
                    fmt(agent.turns("junction/busy").getDouble("ttfb_p99_ms"), 3) + " vs "
                            + fmt(agent.turns("junction/idle").getDouble("ttfb_p99_ms"), 3) + " ms = " + fmt(factor, 2)
                            + "× (nginx " + fmt(agent.blockingFactor("nginx"), 2) + "×)",
                    factor <= MAX_BLOCKING_FACTOR);
        }
        JsonObject[] flood = agent.flood();
        if (flood[0] == null || flood[1] == null) {
            missing("invalid keys: CPU/req ≤ nginx's per proxied request");
        } else {
            double ratio = HttpRuns.cpuPerRequest(flood[0]) / HttpRuns.cpuPerRequest(flood[1]);
            add("invalid keys: CPU/req ≤ nginx's per proxied request",
                    fmt(HttpRuns.cpuPerRequest(flood[0]), 1) + " vs " + fmt(HttpRuns.cpuPerRequest(flood[1]), 1) + " µs = "
                            + fmt(ratio, 2) + "×",
                    ratio <= MAX_REFUSAL_CPU_RATIO);
        }
        if (agent.sizes().size() < 2) {
            missing("same dialect: CPU/req and added p50 grow no faster than the body");
            return this;
        }
        int smallest = agent.sizes().first();
        int largest = agent.sizes().last();
        for (int c : List.of(1, 16, 64)) {
            JsonObject small = agent.run("junction-openai", c, smallest);
            JsonObject large = agent.run("junction-openai", c, largest);
            if (small == null || large == null) {
                continue;
            }
            double bytes = large.getDouble("body_bytes") / small.getDouble("body_bytes");
            double cpu = HttpRuns.cpuPerRequest(large) / HttpRuns.cpuPerRequest(small);
            double added = agent.added(large, 50) / agent.added(small, 50);
            add("same dialect, " + c + " conns: CPU/req and added p50 grow no faster than the body (" + smallest + " → "
                            + largest + " tokens)",
                    "body ×" + fmt(bytes, 1) + ", CPU/req ×" + fmt(cpu, 1) + ", added p50 ×" + fmt(added, 1),
                    cpu <= bytes && added <= bytes);
        }
        return this;
    }

    private void add(String target, String measured, boolean met) {
        rows.add(new Row(target, measured, met));
    }

    private void missing(String target) {
        rows.add(new Row(target, "not measured", null));
    }

    void table(StringBuilder md) {
        md.append("## Targets\n\n| target | measured | |\n|---|---|---|\n");
        for (Row row : rows) {
            md.append("| ").append(row.target()).append(" | ").append(row.measured()).append(" | ")
                    .append(row.met() == null ? "–" : row.met() ? "met" : "**missed**").append(" |\n");
        }
        long missed = rows.stream().filter(row -> Boolean.FALSE.equals(row.met())).count();
        md.append("\n").append(missed == 0 ? "Every measured target is met." : missed + " target(s) missed.").append("\n\n");
    }
}
