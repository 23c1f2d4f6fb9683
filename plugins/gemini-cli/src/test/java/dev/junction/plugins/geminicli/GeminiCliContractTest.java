package dev.junction.plugins.geminicli;

import dev.junction.plugin.BackendFactory;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.Message;
import dev.junction.plugin.testkit.BackendContractTest;
import dev.junction.plugin.testkit.FakeCliScript;
import dev.junction.plugin.testkit.Scenario;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gemini-cli backend keeps the plugin contract, running a fake {@code gemini} that reads the
 * prompt and prints a recorded Gemini CLI 0.61.0 run.
 */
@DisabledOnOs(OS.WINDOWS)
class GeminiCliContractTest extends BackendContractTest {

    @TempDir
    Path dir;

    @Override
    protected BackendFactory factory() {
        return new GeminiCliBackendFactory();
    }

    @Override
    protected Scenario prepare(Kind kind) {
        return switch (kind) {
            case TEXT -> scenario("stream-json", "cat \"$DIR/stdout.jsonl\"");
            case FAILURE -> scenario("error-429.stream-json", "cat \"$DIR/stdout.jsonl\"; cat \"$DIR/stderr.txt\" >&2; exit 173")
                    .failingWith(ErrorKind.RATE_LIMITED);
            case SLOW -> scenario("stream-json", "head -n 3 \"$DIR/stdout.jsonl\"; exec sleep 1000");
        };
    }

    @Override
    protected Stream<BadOption> badOptions() {
        return Stream.of(
                new BadOption(new JsonObject().put("maxAttempts", 20), "maxAttempts"),
                new BadOption(new JsonObject().put("approvalMode", "sometimes"), "approvalMode"),
                new BadOption(new JsonObject().put("idleTimeoutSeconds", "soon"), "idleTimeoutSeconds"),
                new BadOption(new JsonObject().put("aprovalMode", "yolo"), "aprovalMode"));
    }

    /** A fake gemini that reads the prompt, then runs {@code output} beside the recorded case's stdout and stderr. */
    private Scenario scenario(String recordedCase, String output) {
        copy(recordedCase + ".stdout.jsonl", "stdout.jsonl");
        copy(recordedCase + ".stderr.txt", "stderr.txt");
        FakeCliScript gemini = FakeCliScript.write(dir, "gemini", "cat > /dev/null\n" + output);
        ChatRequest request = ChatRequest.builder("gemini")
                .messages(Message.text(Message.Role.USER, "Say hello"))
                .build();
        return Scenario.of(new JsonObject().put("command", gemini.command().toString()), request)
                .stoppedWhen(gemini.stopProbe());
    }

    private void copy(String fixture, String name) {
        try (InputStream in = getClass().getResourceAsStream("/fixtures/" + fixture)) {
            Files.copy(in, dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
