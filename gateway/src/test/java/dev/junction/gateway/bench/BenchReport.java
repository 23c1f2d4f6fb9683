package dev.junction.gateway.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one run's results folder (written by {@code gateway/bench/run.sh}) into the Markdown report
 * that BENCHMARKS.md is made from: machine, HTTP tables, ratios against nginx, streaming, agent-shaped
 * load, CLI, the hop between two clustered nodes, start-up and warm-up, targets met or missed, and
 * the profile.
 *
 * <p>Inputs: {@code env.txt} (key=value), {@code wrk.jsonl} (one wrk run a line, with the proxy's
 * CPU ticks and peak RSS), {@code streams.jsonl} ({@link StreamLoad}), {@code cli.jsonl}
 * ({@link CliBench}), {@code cluster.jsonl} ({@link ClusterRuns}), {@code agent.jsonl} and
 * {@code agent-streams.jsonl} ({@link AgentRuns}), {@code startup.jsonl} ({@link StartupRuns}) and
 * {@code profile.md} ({@link JfrTop}); missing files leave their section out, and the targets are
 * left out when only the cluster or the start-up phase ran.
 *
 * <pre>
 * java -cp GATEWAY_TEST_CLASSPATH dev.junction.gateway.bench.BenchReport RESULTS_DIR > report.md
 * </pre>
 */
public final class BenchReport {

    private BenchReport() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Map<String, String> env = env(dir.resolve("env.txt"));
        List<JsonObject> wrk = lines(dir.resolve("wrk.jsonl"));
        List<JsonObject> streams = lines(dir.resolve("streams.jsonl"));
        List<JsonObject> cli = lines(dir.resolve("cli.jsonl"));
        ClusterRuns cluster = new ClusterRuns(lines(dir.resolve("cluster.jsonl")));
        AgentRuns agent = new AgentRuns(lines(dir.resolve("agent.jsonl")), lines(dir.resolve("agent-streams.jsonl")));
        StartupRuns startup = new StartupRuns(lines(dir.resolve("startup.jsonl")));
        Path profile = dir.resolve("profile.md");

        StringBuilder md = new StringBuilder();
        md.append("# Junction benchmark report\n\n");
        machine(md, env);
        HttpRuns http = new HttpRuns(wrk);
        if (!wrk.isEmpty()) {
            http.table(md);
            http.ratios(md);
        }
        StreamRuns stream = new StreamRuns(streams);
        if (!streams.isEmpty()) {
            stream.table(md);
            stream.ratios(md);
        }
        memory(md, env);
        if (!agent.isEmpty()) {
            agent.section(md, http);
        }
        JsonObject cliRun = cli.isEmpty() ? null : cli.get(cli.size() - 1);
        if (cliRun != null) {
            cli(md, cliRun);
        }
        if (!cluster.isEmpty()) {
            cluster.section(md, env);
        }
        if (!startup.isEmpty()) {
            startup.section(md, env);
        }
        if (!wrk.isEmpty() || !streams.isEmpty()) {
            Targets targets = new Targets(http, stream, cliRun, env);
            (agent.isEmpty() ? targets : targets.agent(agent)).table(md);
        }
        if (Files.exists(profile)) {
            md.append("## Profile: ").append(env.getOrDefault("profile_scenario", "the gateway under load"))
                    .append("\n\n").append(Files.readString(profile)).append('\n');
        }
        System.out.print(md);
    }

    private static void machine(StringBuilder md, Map<String, String> env) {
        md.append("## Machine and method\n\n| | |\n|---|---|\n");
        String[][] rows = {
            {"date", "date"}, {"commit", "commit"}, {"CPU", "cpu"}, {"cores (nproc)", "nproc"}, {"memory", "memory"},
            {"kernel", "kernel"}, {"Java", "java"}, {"nginx", "nginx"}, {"wrk", "wrk"},
            {"gateway JVM flags", "gateway_flags"}, {"mock JVM flags", "mock_flags"},
            {"pinning", "pinning"}, {"wrk duration per run", "wrk_duration"}, {"load on the machine before the run", "loadavg"},
            {"gateway log", "gateway_log_warnings"}, {"script run time", "elapsed"},
        };
        envRows(md, env, rows);
        md.append('\n');
    }

    /** One table row per {@code {label, env key}} pair whose key the run wrote. */
    static void envRows(StringBuilder md, Map<String, String> env, String[][] rows) {
        for (String[] row : rows) {
            if (env.containsKey(row[1])) {
                md.append("| ").append(row[0]).append(" | ").append(env.get(row[1]).replace("|", "\\|")).append(" |\n");
            }
        }
    }

    private static void memory(StringBuilder md, Map<String, String> env) {
        if (!env.containsKey("gateway_hwm_kib")) {
            return;
        }
        md.append("## Memory\n\n| process | RSS after start MiB | peak RSS (VmHWM) after all load MiB |\n|---|---:|---:|\n")
                .append("| Junction gateway JVM | ").append(mib(env.get("gateway_idle_rss_kib")))
                .append(" | ").append(mib(env.get("gateway_hwm_kib"))).append(" |\n")
                .append("| nginx worker | – | ").append(mib(env.get("nginx_hwm_kib"))).append(" |\n");
        if (env.containsKey("agent_gateway_hwm_kib")) {
            md.append("| Junction gateway JVM, after the agent phase's large bodies too | – | ")
                    .append(mib(env.get("agent_gateway_hwm_kib"))).append(" |\n");
        }
        md.append('\n');
    }

    private static String mib(String kib) {
        return kib == null ? "–" : fmt(Long.parseLong(kib) / 1024.0, 0);
    }

    private static void cli(StringBuilder md, JsonObject run) {
        md.append("## CLI path: ").append(run.getString("cli")).append(", a trivial prompt\n\n")
                .append("| path | runs | median ms | min ms | max ms |\n|---|---:|---:|---:|---:|\n")
                .append(String.format("| CLI run directly | %d | %.1f | %.1f | %.1f |%n", run.getInteger("runs"),
                        run.getDouble("direct_median_ms"), run.getDouble("direct_min_ms"), run.getDouble("direct_max_ms")))
                .append(String.format("| through the gateway (`/v1/messages` → claude-code plugin) | %d | %.1f | %.1f | %.1f |%n",
                        run.getInteger("runs"), run.getDouble("gateway_median_ms"), run.getDouble("gateway_min_ms"),
                        run.getDouble("gateway_max_ms")))
                .append(String.format("%nRatio of the medians (gateway / direct): **%.3f** (%+.1f ms).%n%n",
                        run.getDouble("ratio"), run.getDouble("gateway_median_ms") - run.getDouble("direct_median_ms")));
    }

    static Map<String, String> env(Path file) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    env.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                }
            }
        }
        return env;
    }

    static List<JsonObject> lines(Path file) throws IOException {
        List<JsonObject> lines = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith("{")) {
                    lines.add(new JsonObject(line));
                }
            }
        }
        return lines;
    }

    static String fmt(double value, int decimals) {
        return Double.isNaN(value) ? "–" : String.format("%." + decimals + "f", value);
    }
}
