package dev.junction.gateway.bench;

import static dev.junction.gateway.bench.BenchReport.fmt;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.TreeSet;

/**
 * The agent phase of one benchmark ({@code gateway/bench/agent.sh}): wrk runs of agent-shaped bodies
 * by prompt size ({@code agent.jsonl}: run_wrk's lines with {@code tokens} and {@code body_bytes}),
 * small streaming turns idle and beside large requests ({@code agent-streams.jsonl}: {@link StreamLoad}
 * summaries labelled {@code <proxy>/idle} or {@code <proxy>/busy}, the busy ones with what the
 * background client did), and the flood of invalid keys; then the main phase's added latency at
 * each connection count side by side.
 */
final class AgentRuns {

    private static final List<String> PROXIES = List.of("nginx", "junction-openai", "junction-cross");

    private final List<JsonObject> sized;
    private final List<JsonObject> turns;

    AgentRuns(List<JsonObject> sized, List<JsonObject> turns) {
        this.sized = sized;
        this.turns = turns;
    }

    boolean isEmpty() {
        return sized.isEmpty() && turns.isEmpty();
    }

    /** The last run of {@code scenario} at {@code connections} with a body of {@code tokens}; null when none. */
    JsonObject run(String scenario, int connections, int tokens) {
        JsonObject found = null;
        for (JsonObject run : sized) {
            if (scenario.equals(run.getString("scenario")) && run.getInteger("connections") == connections
                    && run.getInteger("tokens") == tokens) {
                found = run;
            }
        }
        return found;
    }

    /** The last streaming-turns run labelled {@code label}; null when none. */
    JsonObject turns(String label) {
        JsonObject found = null;
        for (JsonObject run : turns) {
            if (label.equals(run.getString("label"))) {
                found = run;
            }
        }
        return found;
    }

    TreeSet<Integer> sizes() {
        TreeSet<Integer> sizes = new TreeSet<>();
        sized.stream().filter(run -> HttpRuns.SCENARIOS.containsKey(run.getString("scenario")))
                .forEach(run -> sizes.add(run.getInteger("tokens")));
        return sizes;
    }

    private TreeSet<Integer> connections() {
        TreeSet<Integer> connections = new TreeSet<>();
        sized.stream().filter(run -> HttpRuns.SCENARIOS.containsKey(run.getString("scenario")))
                .forEach(run -> connections.add(run.getInteger("connections")));
        return connections;
    }

    void section(StringBuilder md, HttpRuns main) {
        md.append("## Agent-shaped load\n\n");
        if (!sized.isEmpty()) {
            bySize(md);
            growth(md);
        }
        blocking(md);
        invalidKeys(md);
        if (!main.connections().isEmpty()) {
            addedByConnections(md, main);
        }
    }

    private void bySize(StringBuilder md) {
        md.append("### Overhead against prompt size\n\n")
                .append("| path | tokens | body KiB | conns | req/s | p50 ms | p99 ms | added p50 ms | added p99 ms"
                        + " | proxy CPU µs/req | proxy CPU µs/KiB | errors |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int tokens : sizes()) {
            for (int c : connections()) {
                JsonObject direct = run("direct", c, tokens);
                for (String scenario : List.of("direct", "nginx", "junction-openai", "junction-cross")) {
                    JsonObject run = run(scenario, c, tokens);
                    if (run == null) {
                        continue;
                    }
                    md.append("| ").append(HttpRuns.SCENARIOS.get(scenario))
                            .append(" | ").append(tokens)
                            .append(" | ").append(fmt(kib(run), 1))
                            .append(" | ").append(c);
                    HttpRuns.latencyCells(md, run, direct)
                            .append(" | ").append(fmt(HttpRuns.cpuPerRequest(run), 1))
                            .append(" | ").append(fmt(HttpRuns.cpuPerRequest(run) / kib(run), 2))
                            .append(" | ").append(HttpRuns.errors(run))
                            .append(" |\n");
                }
            }
        }
        md.append("\nBodies are a coding agent's conversation (AgentBodies: system prompt, a tool, user turns,"
                + " tool calls and their results), about 4 bytes per token; the cross-dialect path sends the same"
                + " conversation as an Anthropic body and is set against the direct run of the OpenAI body.\n\n");
    }

    /** Each size against the smallest: does cost grow no faster than the bytes? */
    private void growth(StringBuilder md) {
        int smallest = sizes().first();
        md.append("### Growth against the ").append(smallest).append("-token body\n\n")
                .append("| path | conns | tokens | bytes × | proxy CPU/req × | added p50 × | added p99 × | CPU grows no faster than bytes |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (String scenario : PROXIES) {
            for (int c : connections()) {
                JsonObject base = run(scenario, c, smallest);
                for (int tokens : sizes().tailSet(smallest, false)) {
                    JsonObject run = run(scenario, c, tokens);
                    if (base == null || run == null) {
                        continue;
                    }
                    double bytes = kib(run) / kib(base);
                    double cpu = HttpRuns.cpuPerRequest(run) / HttpRuns.cpuPerRequest(base);
                    md.append("| ").append(HttpRuns.SCENARIOS.get(scenario)).append(" | ").append(c)
                            .append(" | ").append(tokens)
                            .append(" | ").append(fmt(bytes, 1))
                            .append(" | ").append(fmt(cpu, 1))
                            .append(" | ").append(fmt(added(run, 50) / added(base, 50), 1))
                            .append(" | ").append(fmt(added(run, 99) / added(base, 99), 1))
                            .append(" | ").append(cpu <= bytes ? "yes" : "**no**")
                            .append(" |\n");
                }
            }
        }
        md.append("\nA factor is the run's figure over the same path's with the smallest body; added latency is over"
                + " the direct run of the same body.\n\n");
    }

    /** Added latency of {@code run} at percentile 50 or 99 over the direct run of the same size and connections. */
    double added(JsonObject run, int percentile) {
        JsonObject direct = run("direct", run.getInteger("connections"), run.getInteger("tokens"));
        return percentile == 50
                ? HttpRuns.p50(run) - HttpRuns.p50(direct)
                : HttpRuns.p99(run) - HttpRuns.p99(direct);
    }

    private void blocking(StringBuilder md) {
        if (turns.isEmpty()) {
            return;
        }
        md.append("### Head-of-line blocking: small streaming turns beside large requests\n\n")
                .append("| proxy | background | turns at once | turns | TTFB p50 ms | TTFB p99 ms | p99 ÷ idle"
                        + " | background requests/s | failed |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String proxy : List.of("nginx", "junction")) {
            JsonObject idle = turns(proxy + "/idle");
            for (JsonObject run : new JsonObject[] {idle, turns(proxy + "/busy")}) {
                if (run == null) {
                    continue;
                }
                boolean busy = run.containsKey("background_requests");
                md.append("| ").append(proxy)
                        .append(" | ").append(busy ? run.getInteger("background_tokens") + "-token requests, one at a time" : "none")
                        .append(" | ").append(run.getInteger("concurrency"))
                        .append(" | ").append(run.getInteger("streams"))
                        .append(" | ").append(fmt(run.getDouble("ttfb_p50_ms"), 3))
                        .append(" | ").append(fmt(run.getDouble("ttfb_p99_ms"), 3))
                        .append(" | ").append(busy && idle != null ? fmt(blockingFactor(proxy), 2) + "×" : "–")
                        .append(" | ").append(busy ? fmt(run.getDouble("background_requests") / run.getDouble("background_seconds"), 0) : "–")
                        .append(" | ").append(run.getInteger("failures"))
                        .append(" |\n");
            }
        }
        md.append("\nThe turns and the background client share the load core with the mock: nginx's factor is what"
                + " that sharing alone costs.\n\n");
    }

    /** The busy TTFB p99 of {@code proxy}'s turns over its idle one; NaN when either is missing. */
    double blockingFactor(String proxy) {
        JsonObject idle = turns(proxy + "/idle");
        JsonObject busy = turns(proxy + "/busy");
        return idle == null || busy == null ? Double.NaN : busy.getDouble("ttfb_p99_ms") / idle.getDouble("ttfb_p99_ms");
    }

    /** The flood's run and nginx's run beside it (the same body, 64 connections), or nulls. */
    JsonObject[] flood() {
        JsonObject bad = null;
        JsonObject nginx = null;
        for (JsonObject run : sized) {
            if (run.getString("scenario").equals("junction-bad-key")) {
                bad = run;
            } else if (run.getString("scenario").equals("nginx-flood")) {
                nginx = run;
            }
        }
        return new JsonObject[] {bad, nginx};
    }

    private void invalidKeys(StringBuilder md) {
        JsonObject[] flood = flood();
        if (flood[0] == null) {
            return;
        }
        md.append("### A flood of invalid keys\n\n")
                .append("| path | body KiB | conns | req/s | proxy CPU µs/req | CPU/req ÷ nginx's per proxied request | refused (non-2xx) |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (JsonObject run : flood) {
            if (run == null) {
                continue;
            }
            boolean junction = run == flood[0];
            md.append("| ").append(junction ? "Junction with auth.keys, a wrong key (401)" : "nginx → mock (proxied)")
                    .append(" | ").append(fmt(kib(run), 1))
                    .append(" | ").append(run.getInteger("connections"))
                    .append(" | ").append(fmt(HttpRuns.rps(run), 0))
                    .append(" | ").append(fmt(HttpRuns.cpuPerRequest(run), 1))
                    .append(" | ").append(junction && flood[1] != null
                            ? fmt(HttpRuns.cpuPerRequest(run) / HttpRuns.cpuPerRequest(flood[1]), 2) + "×" : "–")
                    .append(" | ").append(run.getLong("errors_status"))
                    .append(" |\n");
        }
        md.append("\nThe gateway answers 401 before the body is read and drops the body on the kept connection.\n\n");
    }

    /** The main phase's added latency at each connection count, one row per path. */
    private static void addedByConnections(StringBuilder md, HttpRuns main) {
        md.append("### Added latency over direct by connection count (main phase)\n\n| path |");
        StringBuilder rule = new StringBuilder("|---|");
        for (int c : main.connections()) {
            md.append(" added p50 ms, ").append(c).append(" | added p99 ms, ").append(c).append(" |");
            rule.append("---:|---:|");
        }
        md.append('\n').append(rule).append('\n');
        for (String scenario : List.of("nginx", "junction-openai", "junction-echo", "junction-cross")) {
            md.append("| ").append(HttpRuns.SCENARIOS.get(scenario)).append(" |");
            for (int c : main.connections()) {
                JsonObject run = main.run(scenario, c);
                JsonObject direct = main.run("direct", c);
                md.append(' ').append(run == null ? "–" : fmt(HttpRuns.p50(run) - HttpRuns.p50(direct), 3))
                        .append(" | ").append(run == null ? "–" : fmt(HttpRuns.p99(run) - HttpRuns.p99(direct), 3))
                        .append(" |");
            }
            md.append('\n');
        }
        md.append("\nThe same figures as the non-streaming table, side by side, to set beside published"
                + " gateway comparisons (which report added latency at 1, 16 and 64 connections).\n\n");
    }

    private static double kib(JsonObject run) {
        return run.getLong("body_bytes", 0L) / 1024.0;
    }
}
