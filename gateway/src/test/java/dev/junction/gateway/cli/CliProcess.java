package dev.junction.gateway.cli;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real CLI directly (without the gateway) to its end: a clean environment (only
 * {@code PATH} of the test's own), stdin given and closed, stdout and stderr to files in
 * {@code dir}. A run that outlives its timeout is killed with its process tree and fails.
 */
public final class CliProcess {

    /** What a run printed, and how it ended. */
    public record Result(int exitCode, String stdout, String stderr) {

        /** The stdout lines that are JSON objects. */
        public List<JsonObject> jsonLines() {
            List<JsonObject> lines = new ArrayList<>();
            for (String line : stdout.split("\n")) {
                if (line.startsWith("{")) {
                    lines.add(new JsonObject(line));
                }
            }
            return lines;
        }

        /** The JSON lines whose {@code type} is {@code type}. */
        public List<JsonObject> ofType(String type) {
            return jsonLines().stream().filter(line -> type.equals(line.getString("type"))).toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    private CliProcess() {}

    public static Result run(List<String> command, Map<String, String> env, Path dir, String stdin, Duration timeout) {
        try {
            Files.createDirectories(dir);
            Path out = Files.createTempFile(dir, "stdout-", ".txt");
            Path err = Files.createTempFile(dir, "stderr-", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().keySet().removeIf(name -> !name.equals("PATH"));
            builder.environment().putAll(env);
            Process process = builder.start();
            try (OutputStream input = process.getOutputStream()) {
                input.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError(command.get(0) + " did not end within " + timeout + "\n--- stdout\n"
                        + Files.readString(out) + "\n--- stderr\n" + Files.readString(err));
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
