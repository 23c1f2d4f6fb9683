package dev.junction.gateway.support;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.junction.gateway.bench.GatewayLauncher;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A gateway in a JVM of its own ({@link GatewayLauncher}, or {@code Main}, on this test's class
 * path), with JVM flags of the test's choosing: for what only a process shows, above all the bytes
 * of its live objects after a full GC ({@code jcmd GC.class_histogram}, which counts objects rather
 * than heap regions), a clustered node ({@link ForkedCluster}) and how a JVM ends.
 */
public final class ForkedGateway implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("Junction listens on (?:port |http://[^ ]+:)(\\d+)");
    private static final Pattern TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");
    private static final Path JAVA_BIN = Path.of(System.getProperty("java.home"), "bin");

    private final Process process;
    private final int port;
    private final Thread reader;

    private ForkedGateway(Process process, int port, Thread reader) {
        this.process = process;
        this.port = port;
        this.reader = reader;
    }

    /**
     * Starts a gateway configured by {@code config} (written to {@code dir/gateway.yaml}) with
     * {@code jvmFlags} and G1 (the server default), and waits until it listens.
     */
    public static ForkedGateway start(Path dir, TestGateway.Builder config, String... jvmFlags) throws Exception {
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, config.yaml());
        List<String> flags = new ArrayList<>(List.of("-XX:+UseG1GC"));
        flags.addAll(List.of(jvmFlags));
        return start(flags, GatewayLauncher.class, List.of("--config", file.toString()), line -> {});
    }

    /**
     * Starts {@code main} with {@code args} in a JVM of its own, on this test's class path, with
     * {@code jvmFlags}, and waits until it logs that it listens. The JVM ends when this one does.
     *
     * @param lines called with each line the JVM writes (standard output and error), on a thread of
     *     its own
     */
    public static ForkedGateway start(List<String> jvmFlags, Class<?> main, List<String> args, Consumer<String> lines)
            throws Exception {
        return start(new ProcessBuilder(command(jvmFlags, main, args)), lines);
    }

    /**
     * Starts {@code command}, a gateway JVM or a script that execs one (it is not stopped when this
     * JVM ends: close it), and waits until it logs that it listens.
     */
    public static ForkedGateway start(ProcessBuilder command, Consumer<String> lines) throws Exception {
        Process process = command.redirectErrorStream(true).start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        List<String> early = new ArrayList<>();
        Thread reader = new Thread(() -> drain(process, port, early, lines), "forked-gateway-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new ForkedGateway(process, port.get(90, TimeUnit.SECONDS), reader);
        } catch (Exception e) {
            process.destroyForcibly();
            synchronized (early) {
                throw new AssertionError("the forked gateway did not start; its output: " + early, e);
            }
        }
    }

    /**
     * Runs {@code main} with {@code args} as {@link #start(List, Class, List, Consumer)} does, for a
     * JVM that is expected to end by itself within {@code timeout}.
     */
    public static Ended run(List<String> jvmFlags, Class<?> main, List<String> args, Duration timeout) throws Exception {
        Process process = new ProcessBuilder(command(jvmFlags, main, args)).redirectErrorStream(true).start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the forked JVM did not end within " + timeout);
        }
        return new Ended(process.exitValue(), output.get(10, TimeUnit.SECONDS));
    }

    /** How a JVM that {@link #run} started ended: its exit code and everything it wrote. */
    public record Ended(int exitCode, String output) {}

    private static List<String> command(List<String> jvmFlags, Class<?> main, List<String> args) {
        List<String> command = new ArrayList<>(List.of(JAVA_BIN.resolve("java").toString()));
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ExitWithParent.class.getName(), main.getName()));
        command.addAll(args);
        return command;
    }

    public int port() {
        return port;
    }

    /** An official OpenAI client of this gateway's {@code /v1}, with a key it ignores, that never retries by itself. */
    public OpenAIClient openAi() {
        return OpenAIOkHttpClient.builder()
                .baseUrl("http://127.0.0.1:" + port + "/v1")
                .apiKey("unused")
                .maxRetries(0)
                .build();
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** How the JVM ended, once {@link #close} stopped it: 143 when SIGTERM ended it, 137 when it had to be killed. */
    public int exitCode() {
        return process.exitValue();
    }

    /** The bytes of the live objects on the heap, counted right after a full GC. */
    public long heapAfterGc() throws IOException, InterruptedException {
        String histogram = jcmd("GC.class_histogram");
        Matcher total = TOTAL.matcher(histogram);
        if (!total.find()) {
            throw new AssertionError("no total in the class histogram: " + histogram.lines().limit(5).toList());
        }
        return Long.parseLong(total.group(1));
    }

    /** Ends the JVM at once, as SIGKILL does: no shutdown hook runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /**
     * Stops the JVM with SIGTERM (its shutdown hooks run), forcibly after 30 s, and lets what it
     * wrote last, its shutdown included, reach the {@code lines} of
     * {@link #start(List, Class, List, Consumer)}: the signal goes through the process's handle, as
     * {@link Process#destroy} would also close the pipe those lines come through.
     */
    @Override
    public void close() throws InterruptedException {
        process.toHandle().destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(JAVA_BIN.resolve("jcmd").toString(), Long.toString(pid()), command)
                .redirectErrorStream(true)
                .start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!jcmd.waitFor(30, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            throw new AssertionError("jcmd " + command + " failed: " + output);
        }
        return output;
    }

    /** Reads the gateway's output to its end (so that its logging never blocks), watching for its port. */
    private static void drain(
            Process process, CompletableFuture<Integer> port, List<String> early, Consumer<String> lines) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.accept(line);
                if (!port.isDone()) {
                    synchronized (early) {
                        early.add(line);
                    }
                    Matcher listening = LISTENING.matcher(line);
                    if (listening.find()) {
                        port.complete(Integer.parseInt(listening.group(1)));
                    }
                }
            }
        } catch (IOException e) {
            port.completeExceptionally(e);
        }
        port.completeExceptionally(new IOException("the gateway's output ended"));
    }
}
