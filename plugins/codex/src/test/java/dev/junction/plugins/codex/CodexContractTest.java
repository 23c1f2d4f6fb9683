package dev.junction.plugins.codex;

import dev.junction.plugin.BackendFactory;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.testkit.BackendContractTest;
import dev.junction.plugin.testkit.FakeCliScript;
import dev.junction.plugin.testkit.Scenario;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The codex backend keeps the plugin contract, running a fake {@code codex app-server} that prints
 * the messages of the recorded session (app-server.jsonl) and keeps reading its stdin until the
 * backend closes it, as the real one does.
 */
@DisabledOnOs(OS.WINDOWS)
class CodexContractTest extends BackendContractTest {

    private static final List<JsonObject> RECEIVED = Fixtures.jsonLines("app-server.jsonl").stream()
            .filter(line -> "recv".equals(line.getString("dir")))
            .map(line -> line.getJsonObject("msg"))
            .toList();

    @TempDir
    Path dir;

    @Override
    protected BackendFactory factory() {
        return new CodexBackendFactory();
    }

    @Override
    protected Scenario prepare(Kind kind) {
        return switch (kind) {
            case TEXT -> scenario(RECEIVED, "cat > /dev/null");
            case FAILURE -> scenario(failedTurn(), "cat > /dev/null").failingWith(ErrorKind.RATE_LIMITED);
            case SLOW -> scenario(until("item/agentMessage/delta"), "exec sleep 1000");
        };
    }

    @Override
    protected Stream<BadOption> badOptions() {
        return Stream.of(
                new BadOption(new JsonObject().put("sandbox", "none"), "sandbox"),
                new BadOption(new JsonObject().put("approvalPolicy", "sometimes"), "approvalPolicy"),
                new BadOption(new JsonObject().put("maxRetries", 1000), "maxRetries"),
                new BadOption(new JsonObject().put("sandbx", "read-only"), "sandbx"));
    }

    /** A fake codex that prints {@code messages}, one a line, then runs {@code then}. */
    private Scenario scenario(List<JsonObject> messages, String then) {
        try {
            Files.write(dir.resolve("stdout.jsonl"), messages.stream().map(JsonObject::encode).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FakeCliScript codex = FakeCliScript.write(dir, "codex", "cat \"$DIR/stdout.jsonl\"\n" + then);
        return Scenario.of(new JsonObject().put("command", codex.command().toString()), Requests.user("codex", "Say hello"))
                .stoppedWhen(codex.stopProbe());
    }

    /** The recorded messages up to the first of {@code method}, that one included. */
    private static List<JsonObject> until(String method) {
        List<JsonObject> messages = new ArrayList<>();
        for (JsonObject message : RECEIVED) {
            messages.add(message);
            if (method.equals(message.getString("method"))) {
                return messages;
            }
        }
        throw new IllegalArgumentException("no " + method + " in the recorded session");
    }

    /** The recorded handshake up to turn/started, then the fatal error Codex reported for a 429. */
    private static List<JsonObject> failedTurn() {
        List<JsonObject> messages = until("turn/started");
        messages.add(TurnFailureTest.notification("error", new JsonObject()
                .put("error", new JsonObject()
                        .put("message", Fixtures.turnFailedMessage("error-429.stdout.jsonl"))
                        .putNull("codexErrorInfo")
                        .putNull("additionalDetails"))
                .put("willRetry", false)));
        return messages;
    }
}
