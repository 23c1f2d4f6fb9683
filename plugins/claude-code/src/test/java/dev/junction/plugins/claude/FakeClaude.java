package dev.junction.plugins.claude;

import dev.junction.plugin.testkit.FakeCliScript;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A fake {@code claude} ({@link FakeCliScript}) that keeps its stdin in {@code stdin.txt}, then runs
 * the shell lines it was given, which usually print the recorded output put beside it
 * ({@code $DIR/stdout.jsonl}).
 */
final class FakeClaude {

    private FakeClaude() {}

    /** Writes the script to {@code dir}, with {@code fixture}'s lines as {@code stdout.jsonl}. */
    static FakeCliScript in(Path dir, String output, String fixture) throws IOException {
        Files.writeString(dir.resolve("stdout.jsonl"), String.join("\n", Runs.lines(fixture)) + "\n");
        return FakeCliScript.write(dir, "claude", "cat > \"$DIR/stdin.txt\"\n" + output);
    }

    /** Backend options that run {@code claude}. */
    static JsonObject options(FakeCliScript claude) {
        return new JsonObject().put("command", claude.command().toString()).put("timeoutSeconds", 30);
    }
}
