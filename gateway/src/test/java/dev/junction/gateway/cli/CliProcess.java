package dev.junction.gateway.cli;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a real CLI directly (without the gateway) to its end: a clean environment (only
 * {@code PATH} of the test's own), stdin given and closed, stdout read line by line as it is
 * printed (each line with the time since the start), stderr to a file in {@code dir}. A run that
 * outlives its timeout is killed with its process tree and fails.
 */
public final class CliProcess {

    /** Once the CLI exited, how long a helper process it left may hold its stdout open before the run ends anyway. */
    private static final Duration STDOUT_AFTER_EXIT = Duration.ofSeconds(5);

    /** One line the CLI printed on stdout, and when, counted from its start. */
    public record Line(Duration at, String text) {}

    /** What a run printed, and how it ended. */
    public record Result(int exitCode, List<Line> lines, String stderr) {

        public Result {
            lines = List.copyOf(lines);
        }

        public String stdout() {
            StringBuilder stdout = new StringBuilder();
            lines.forEach(line -> stdout.append(line.text()).append('\n'));
            return stdout.toString();
        }

        /** The stdout lines that are JSON objects. */
        public List<JsonObject> jsonLines() {
            List<JsonObject> json = new ArrayList<>();
            for (Line line : lines) {
                if (line.text().startsWith("{")) {
                    json.add(new JsonObject(line.text()));
                }
            }
            return json;
        }

        /** The JSON lines whose {@code type} is {@code type}. */
        public List<JsonObject> ofType(String type) {
            return jsonLines().stream().filter(line -> type.equals(line.getString("type"))).toList();
        }

        /** When the first JSON line of {@code type} was printed, if one was. */
        public Optional<Duration> printedAt(String type) {
            return lines.stream()
                    .filter(line -> line.text().startsWith("{") && type.equals(new JsonObject(line.text()).getString("type")))
                    .map(Line::at)
                    .findFirst();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout() + "\n--- stderr\n" + stderr;
        }
    }

    private CliProcess() {}

    public static Result run(List<String> command, Map<String, String> env, Path dir, String stdin, Duration timeout) {
        try {
            Files.createDirectories(dir);
            Path err = Files.createTempFile(dir, "stderr-", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.PIPE)
                    .redirectError(err.toFile());
            builder.environment().keySet().removeIf(name -> !name.equals("PATH"));
            builder.environment().putAll(env);
            long started = System.nanoTime();
            Process process = builder.start();
            List<Line> lines = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> stdout = read(process.getInputStream(), started, lines);
            try (OutputStream input = process.getOutputStream()) {
                input.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError(command.get(0) + " did not end within " + timeout + "\n"
                        + new Result(-1, lines, Files.readString(err)));
            }
            try {
                stdout.get(STDOUT_AFTER_EXIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // a helper the CLI left behind still holds stdout: what it printed until now is the run's
            }
            return new Result(process.exitValue(), lines, Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Reads {@code in} line by line into {@code lines} on a daemon thread, until it ends. */
    private static CompletableFuture<Void> read(InputStream in, long started, List<Line> lines) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader text = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = text.readLine(); line != null; line = text.readLine()) {
                    lines.add(new Line(Duration.ofNanos(System.nanoTime() - started), line));
                }
                done.complete(null);
            } catch (IOException e) {
                done.completeExceptionally(e);
            }
        }, "cli-stdout");
        reader.setDaemon(true);
        reader.start();
        return done;
    }
}
