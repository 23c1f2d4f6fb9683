package dev.junction.gateway.support;

import dev.junction.gateway.bench.GatewayLauncher;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A gateway in a JVM of its own ({@link GatewayLauncher} on this test's class path), with JVM flags
 * of the test's choosing: for what only a process shows, above all the bytes of its live objects
 * after a full GC ({@code jcmd GC.class_histogram}, which counts objects rather than heap regions).
 */
public final class ForkedGateway implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("Junction listens on port (\\d+)");
    private static final Pattern TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");
    private static final Path JAVA_BIN = Path.of(System.getProperty("java.home"), "bin");

    private final Process process;
    private final int port;

    private ForkedGateway(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts a gateway configured by {@code config} (written to {@code dir/gateway.yaml}) with
     * {@code jvmFlags} and G1 (the server default), and waits until it listens.
     */
    public static ForkedGateway start(Path dir, TestGateway.Builder config, String... jvmFlags) throws Exception {
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, config.yaml());
        List<String> command = new ArrayList<>(List.of(JAVA_BIN.resolve("java").toString(), "-XX:+UseG1GC"));
        command.addAll(List.of(jvmFlags));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), GatewayLauncher.class.getName(),
                "--config", file.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        List<String> early = new ArrayList<>();
        Thread reader = new Thread(() -> drain(process, port, early), "forked-gateway-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new ForkedGateway(process, port.get(60, TimeUnit.SECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            synchronized (early) {
                throw new AssertionError("the forked gateway did not start; its output: " + early, e);
            }
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
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

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
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
    private static void drain(Process process, CompletableFuture<Integer> port, List<String> early) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
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
