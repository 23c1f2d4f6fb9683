package dev.junction.plugins.claude;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A shell script in a folder that stands in for {@code claude}: it records its arguments, its
 * environment and its stdin there ({@code args.txt}, {@code env.txt}, {@code stdin.txt}), then runs
 * the shell lines it was given, which usually print the recorded output put beside it
 * ({@code $FAKE_DIR/stdout.jsonl}).
 */
final class FakeClaude {

    private FakeClaude() {}

    /**
     * Writes the script to {@code dir} with {@code fixture}'s lines as {@code stdout.jsonl}, and
     * returns backend options that run it.
     *
     * @param output shell lines run after stdin was read
     */
    static JsonObject in(Path dir, String output, String fixture) throws IOException {
        Files.writeString(dir.resolve("stdout.jsonl"), String.join("\n", Runs.lines(fixture)) + "\n");
        Path script = dir.resolve("claude");
        Files.writeString(script, String.join("\n",
                "#!/bin/sh",
                "printf '%s\\n' \"$@\" > \"$FAKE_DIR/args.txt\"",
                "env > \"$FAKE_DIR/env.txt\"",
                "cat > \"$FAKE_DIR/stdin.txt\"",
                output,
                ""));
        script.toFile().setExecutable(true);
        return new JsonObject()
                .put("command", script.toString())
                .put("env", new JsonObject().put("FAKE_DIR", dir.toString()))
                .put("timeoutSeconds", 30);
    }
}
