package dev.junction.gateway.bench;

import dev.junction.gateway.cli.FakeAnthropic;
import dev.junction.gateway.cli.Offline;
import dev.junction.gateway.cli.RealCliBackends;
import dev.junction.gateway.cli.RealClis;
import dev.junction.gateway.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The wall time of one trivial prompt answered by the real Claude Code CLI, run directly and run by
 * the gateway's claude-code plugin, offline against the fake Anthropic API of the CLI tests
 * ({@link FakeAnthropic}, "Hello from stub"). Both paths run the same binary with the same
 * arguments, home and working folder ({@link RealCliBackends#claude}) and the same environment:
 * the plugin's, which is this JVM's own plus the backend's and its own variables (a clean
 * environment would make the direct CLI faster for reasons that are not the gateway's, such as
 * {@code NODE_EXTRA_CA_CERTS}). The gateway runs in this JVM, so both CLIs inherit the same CPU
 * affinity. Runs alternate between the two
 * paths (which goes first flips each round) after {@code --warmup} rounds, and the summary (medians
 * and their ratio) is one JSON line appended to {@code --out}.
 *
 * <pre>
 * java -Djunction.realClisDir=gateway/target/real-clis -Djunction.pluginsDir=target/plugins \
 *     -cp GATEWAY_TEST_CLASSPATH dev.junction.gateway.bench.CliBench [--runs 10] [--warmup 2] [--dir DIR] [--out FILE]
 * </pre>
 */
public final class CliBench {

    static final String SYSTEM = "You are a terse benchmark bot.";
    static final String PROMPT = "Say hello.";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private CliBench() {}

    public static void main(String[] args) throws Exception {
        int runs = 10;
        int warmup = 2;
        Path dir = Path.of("target/bench-cli");
        Path out = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--dir" -> dir = Path.of(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        dir = Files.createDirectories(dir.toAbsolutePath()).resolve("run-" + ProcessHandle.current().pid());
        RealClis clis = RealClis.installed();
        JsonObject summary;
        try (FakeAnthropic upstream = FakeAnthropic.start()) {
            TestGateway gateway = TestGateway.start(Files.createDirectories(dir), RealCliBackends.claude(clis, upstream, dir, 4));
            try {
                summary = measure(clis, upstream, gateway, dir, runs, warmup);
            } finally {
                gateway.close();
            }
        } finally {
            Offline.deleteTree(dir);
        }
        System.out.println(summary.encode());
        if (out != null) {
            Files.writeString(out, summary.encode() + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        System.exit(0);
    }

    private static JsonObject measure(RealClis clis, FakeAnthropic upstream, TestGateway gateway, Path dir, int runs, int warmup)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<String> command = command(clis);
        Map<String, String> env = environment(upstream, dir);
        Path work = Offline.directory(dir.resolve("work"));
        long[] direct = new long[runs];
        long[] through = new long[runs];
        for (int round = -warmup; round < runs; round++) {
            boolean directFirst = Math.floorMod(round, 2) == 0;
            long first = directFirst ? direct(command, env, work) : viaGateway(http, gateway);
            long second = directFirst ? viaGateway(http, gateway) : direct(command, env, work);
            if (round >= 0) {
                direct[round] = directFirst ? first : second;
                through[round] = directFirst ? second : first;
            }
        }
        long[] directSorted = direct.clone();
        long[] throughSorted = through.clone();
        Arrays.sort(directSorted);
        Arrays.sort(throughSorted);
        double directMedian = median(directSorted);
        double throughMedian = median(throughSorted);
        return new JsonObject()
                .put("cli", "claude-code " + RealClis.CLAUDE_CODE.version())
                .put("runs", runs)
                .put("warmup", warmup)
                .put("direct_median_ms", round(directMedian))
                .put("direct_min_ms", round(directSorted[0] / 1e6))
                .put("direct_max_ms", round(directSorted[runs - 1] / 1e6))
                .put("gateway_median_ms", round(throughMedian))
                .put("gateway_min_ms", round(throughSorted[0] / 1e6))
                .put("gateway_max_ms", round(throughSorted[runs - 1] / 1e6))
                .put("ratio", Math.round(throughMedian / directMedian * 1000) / 1000.0)
                .put("direct_ms", millis(direct))
                .put("gateway_ms", millis(through));
    }

    /** The command line the plugin builds for this backend and a request with a system text. */
    private static List<String> command(RealClis clis) {
        return List.of(clis.claude().toString(), "-p", "--output-format=stream-json", "--verbose",
                "--include-partial-messages", "--no-session-persistence", "--permission-mode=dontAsk",
                "--system-prompt=" + SYSTEM, "--tools=");
    }

    /** The backend's environment ({@link Offline#claudeEnv}) plus what the plugin itself sets. */
    private static Map<String, String> environment(FakeAnthropic upstream, Path dir) {
        Map<String, String> env = new LinkedHashMap<>(Offline.claudeEnv(upstream, dir.resolve("claude-home")));
        env.put("CLAUDE_CODE_MAX_RETRIES", "0");
        env.put("CLAUDE_CODE_DISABLE_NONSTREAMING_FALLBACK", "1");
        return env;
    }

    /** Runs the CLI as the plugin does: inherited environment plus {@code env}, prompt on stdin, stdout read to its end. */
    private static long direct(List<String> command, Map<String, String> env, Path work) throws Exception {
        long start = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(env);
        Process process = builder.start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(PROMPT.getBytes(StandardCharsets.UTF_8));
        }
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the direct CLI run did not end within " + TIMEOUT);
        }
        long elapsed = System.nanoTime() - start;
        if (process.exitValue() != 0 || !stdout.contains("Hello from stub")) {
            throw new IllegalStateException("the direct CLI run failed: exit " + process.exitValue() + "\n" + stdout);
        }
        return elapsed;
    }

    private static long viaGateway(HttpClient http, TestGateway gateway) throws Exception {
        String body = new JsonObject()
                .put("model", "claude")
                .put("max_tokens", 100)
                .put("system", SYSTEM)
                .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", PROMPT)))
                .encode();
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.url("/v1/messages")))
                .header("content-type", "application/json")
                .header("anthropic-version", "2023-06-01")
                .timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long elapsed = System.nanoTime() - start;
        if (response.statusCode() != 200 || !response.body().contains("Hello from stub")) {
            throw new IllegalStateException("the gateway run failed: " + response.statusCode() + " " + response.body());
        }
        return elapsed;
    }

    private static double median(long[] sorted) {
        int n = sorted.length;
        return (n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0) / 1e6;
    }

    private static JsonArray millis(long[] nanos) {
        JsonArray ms = new JsonArray();
        for (long n : nanos) {
            ms.add(round(n / 1e6));
        }
        return ms;
    }

    private static double round(double ms) {
        return Math.round(ms * 10) / 10.0;
    }
}
