package dev.junction.gateway.bench;

import static dev.junction.gateway.bench.BenchReport.fmt;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The performance targets of the gateway, each checked against one run and reported as met or
 * missed with the measured value. A target whose runs are missing is reported as "not measured".
 */
final class Targets {

    static final double MIN_RPS_RATIO = 0.45;
    static final double MAX_CPU_RATIO = 2.5;
    static final double MAX_ADDED_P99_MS = 0.5;
    static final double MAX_TTFB_ADDED_MS = 1.0;
    static final double MIN_SPREAD = 0.9;
    static final int MAX_PACED_BURST = 10;
    static final double MAX_RSS_MIB = 256;
    static final double MAX_CLI_RATIO = 1.05;
    static final double MAX_BLOCKING_FACTOR = 2.0;
    static final double MAX_REFUSAL_CPU_RATIO = 1.0;

    private record Row(String target, String measured, Boolean met) {}

    private final List<Row> rows = new ArrayList<>();

    Targets(HttpRuns http, StreamRuns streams, JsonObject cli, Map<String, String> env) {
        JsonObject openai64 = http.run("junction-openai", 64);
        JsonObject nginx64 = http.run("nginx", 64);
        if (openai64 != null && nginx64 != null) {
            double rps = HttpRuns.rps(openai64) / HttpRuns.rps(nginx64);
            add("openai plugin, 64 conns: req/s ≥ " + MIN_RPS_RATIO + "× nginx",
                    fmt(HttpRuns.rps(openai64), 0) + " vs " + fmt(HttpRuns.rps(nginx64), 0) + " req/s = " + fmt(rps, 2) + "×",
                    rps >= MIN_RPS_RATIO);
            double cpu = HttpRuns.cpuPerRequest(openai64) / HttpRuns.cpuPerRequest(nginx64);
            add("openai plugin, 64 conns: CPU/req ≤ " + MAX_CPU_RATIO + "× nginx",
                    fmt(HttpRuns.cpuPerRequest(openai64), 1) + " vs " + fmt(HttpRuns.cpuPerRequest(nginx64), 1)
                            + " µs = " + fmt(cpu, 2) + "×",
                    cpu <= MAX_CPU_RATIO);
        } else {
            missing("openai plugin, 64 conns: req/s and CPU/req against nginx");
        }
        JsonObject openai1 = http.run("junction-openai", 1);
        JsonObject direct1 = http.run("direct", 1);
        if (openai1 != null && direct1 != null) {
            double added = HttpRuns.p99(openai1) - HttpRuns.p99(direct1);
            add("openai plugin, 1 conn: p99 added over direct ≤ " + MAX_ADDED_P99_MS + " ms",
                    fmt(HttpRuns.p99(openai1), 3) + " − " + fmt(HttpRuns.p99(direct1), 3) + " = " + fmt(added, 3) + " ms",
                    added <= MAX_ADDED_P99_MS);
        } else {
            missing("openai plugin, 1 conn: p99 added over direct");
        }
        for (String pacing : StreamRuns.PACINGS) {
            for (int concurrency : List.of(1, 64)) {
                JsonObject run = streams.run("junction", pacing, concurrency);
                JsonObject direct = streams.run("direct", pacing, concurrency);
                String name = "stream TTFB added p50 ≤ " + MAX_TTFB_ADDED_MS + " ms (" + pacing + ", " + concurrency
                        + (concurrency == 1 ? " stream)" : " concurrent)");
                if (run == null || direct == null) {
                    missing(name);
                    continue;
                }
                double added = StreamRuns.ttfbAdded(run, direct);
                add(name, fmt(added, 3) + " ms", added <= MAX_TTFB_ADDED_MS);
            }
        }
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
