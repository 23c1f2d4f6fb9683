package dev.junction.plugins.codex;

import dev.junction.plugin.BackendFactory;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.testkit.BackendContractTest;
import dev.junction.plugin.testkit.FakeCliScript;
import dev.junction.plugin.testkit.Scenario;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The codex backend keeps the plugin contract, running a {@link FakeCodex} that answers with the
 * recorded session: whole (text), with a fatal 429 error after the turn started (failure), or up to
 * the first delta and then never again (slow).
 */
@DisabledOnOs(OS.WINDOWS)
class CodexContractTest extends BackendContractTest {

    private static final int TURN_START = 2;

    @TempDir
    Path dir;

    @Override
    protected BackendFactory factory() {
        return new CodexBackendFactory();
    }

    @Override
    protected Scenario prepare(Kind kind) {
        return switch (kind) {
            case TEXT -> scenario(FakeCodex.recordedAnswers(), ":");
            case FAILURE -> scenario(turnAnswer(until("turn/started", failedTurn())), ":").failingWith(ErrorKind.RATE_LIMITED);
            case SLOW -> scenario(turnAnswer(until("item/agentMessage/delta", new ArrayList<>())), "exec sleep 1000");
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

    private Scenario scenario(List<List<JsonObject>> answers, String afterTurn) {
        FakeCliScript codex = FakeCodex.write(dir, answers, afterTurn);
        return Scenario.of(new JsonObject().put("command", codex.command().toString()), Requests.user("codex", "Say hello"))
                .stoppedWhen(codex.stopProbe());
    }

    /** The recorded answers, the turn's replaced by {@code turn}. */
    private static List<List<JsonObject>> turnAnswer(List<JsonObject> turn) {
        List<List<JsonObject>> answers = new ArrayList<>(FakeCodex.recordedAnswers());
        answers.set(TURN_START, turn);
        return answers;
    }

    /** The recorded answer to turn/start up to the first {@code method}, that one included, then {@code more}. */
    private static List<JsonObject> until(String method, List<JsonObject> more) {
        List<JsonObject> messages = new ArrayList<>();
        for (JsonObject message : FakeCodex.recordedAnswers().get(TURN_START)) {
            messages.add(message);
            if (method.equals(message.getString("method"))) {
                messages.addAll(more);
                return messages;
            }
        }
        throw new IllegalArgumentException("no " + method + " in the recorded turn");
    }

    /** The fatal error Codex reported for a 429. */
    private static List<JsonObject> failedTurn() {
        return List.of(TurnFailureTest.notification("error", new JsonObject()
                .put("error", new JsonObject()
                        .put("message", Fixtures.turnFailedMessage("error-429.stdout.jsonl"))
                        .putNull("codexErrorInfo")
                        .putNull("additionalDetails"))
                .put("willRetry", false)));
    }
}
