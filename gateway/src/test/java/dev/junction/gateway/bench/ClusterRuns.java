package dev.junction.gateway.bench;

import static dev.junction.gateway.bench.BenchReport.fmt;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * The cluster phase of one benchmark ({@code gateway/bench/cluster.sh}): the same request served by
 * the mock alone, by a gateway that is not clustered, by node 2 alone (it hosts the backend) and
 * through node 1, which forwards it to node 2 over the event bus. Lines as {@link HttpRuns}', with
 * {@code proxy_ticks} summing both clustered JVMs and {@code node1_ticks} node 1's share.
 */
final class ClusterRuns {

    private static final Map<String, String> SCENARIOS = Map.of(
            "direct", "direct: wrk → mock",
            "standalone", "standalone (not clustered): wrk → gateway → mock",
            "one-node", "one node: wrk → node 2 → mock",
            "hop", "hop: wrk → node 1 → event bus → node 2 → mock");

    private final HttpRuns runs;

    ClusterRuns(List<JsonObject> lines) {
        this.runs = new HttpRuns(lines);
    }

    void section(StringBuilder md, Map<String, String> env) {
        md.append("## Cluster: the hop between two nodes\n\n| | |\n|---|---|\n");
        String[][] rows = {
            {"node JVMs", "cluster_flags"}, {"pinning", "cluster_pinning"},
            {"load on the machine before the phase", "cluster_loadavg"},
            {"RSS after start, node 1, node 2 and standalone KiB", "cluster_idle_rss_kib"},
            {"peak RSS after the phase, node 1, node 2 and standalone KiB", "cluster_hwm_kib"},
            {"node 1 log", "cluster_node1_log"}, {"node 2 log", "cluster_node2_log"},
            {"standalone log", "cluster_node0_log"},
        };
        BenchReport.envRows(md, env, rows);
        md.append("\n| path | conns | req/s | p50 ms | p99 ms | added p50 ms | added p99 ms | CPU µs/req, both JVMs"
                        + " | of which node 1 | gateway core busy | errors |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String scenario : List.of("direct", "standalone", "one-node", "hop")) {
            for (int c : runs.connections()) {
                JsonObject run = runs.run(scenario, c);
                if (run == null) {
                    continue;
                }
                JsonObject direct = runs.run("direct", c);
                boolean isDirect = scenario.equals("direct");
                md.append("| ").append(SCENARIOS.get(scenario)).append(" | ").append(c);
                HttpRuns.latencyCells(md, run, direct)
                        .append(" | ").append(fmt(HttpRuns.cpuPerRequest(run), 1))
                        .append(" | ").append(isDirect ? "–" : fmt(node1PerRequest(run), 1))
                        .append(" | ").append(isDirect ? "–" : fmt(HttpRuns.busy(run), 0) + " %")
                        .append(" | ").append(HttpRuns.errors(run))
                        .append(" |\n");
            }
        }
        md.append("\nOne node and hop run on the same two clustered JVMs; their CPU is the utime + stime of both (JIT,"
                + " GC and Hazelcast threads included) over the run, divided by the requests, and \"of which node 1\" is"
                + " node 1's part (in the one-node runs node 1 serves no request, but takes part in the cluster)."
                + " Standalone's CPU is its own JVM's. \"gateway core busy\" is that CPU time over the wall time: 100 %"
                + " is the one core the gateways share.\n\n");
        ratios(md);
    }

    private void ratios(StringBuilder md) {
        md.append("| conns | req/s, hop ÷ one node | CPU/req, hop ÷ one node | CPU the hop adds µs/req"
                        + " | p50, hop − one node ms | p99, hop − one node ms | req/s, one node ÷ standalone"
                        + " | CPU/req, one node ÷ standalone |\n")
                .append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int c : runs.connections()) {
            JsonObject one = runs.run("one-node", c);
            JsonObject hop = runs.run("hop", c);
            JsonObject alone = runs.run("standalone", c);
            if (one == null || hop == null) {
                continue;
            }
            md.append("| ").append(c)
                    .append(" | ").append(fmt(HttpRuns.rps(hop) / HttpRuns.rps(one), 2)).append('×')
                    .append(" | ").append(fmt(HttpRuns.cpuPerRequest(hop) / HttpRuns.cpuPerRequest(one), 2)).append('×')
                    .append(" | ").append(fmt(HttpRuns.cpuPerRequest(hop) - HttpRuns.cpuPerRequest(one), 1))
                    .append(" | ").append(fmt(HttpRuns.p50(hop) - HttpRuns.p50(one), 3))
                    .append(" | ").append(fmt(HttpRuns.p99(hop) - HttpRuns.p99(one), 3))
                    .append(" | ").append(fmt(HttpRuns.rps(one) / HttpRuns.rps(alone), 3)).append('×')
                    .append(" | ").append(fmt(HttpRuns.cpuPerRequest(one) / HttpRuns.cpuPerRequest(alone), 1)).append('×')
                    .append(" |\n");
        }
        md.append('\n');
    }

    private static double node1PerRequest(JsonObject run) {
        return run.containsKey("node1_ticks")
                ? run.getLong("node1_ticks") * 1e6 / run.getLong("clk_tck") / run.getLong("requests")
                : Double.NaN;
    }

    boolean isEmpty() {
        return runs.connections().isEmpty();
    }
}
