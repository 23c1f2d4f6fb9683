package dev.junction.plugins.claude;

import dev.junction.plugin.BackendFactory;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.testkit.BackendContractTest;
import dev.junction.plugin.testkit.FakeCliScript;
import dev.junction.plugin.testkit.Scenario;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The claude-code backend keeps the plugin contract, running a fake {@code claude} that prints recorded output. */
@DisabledOnOs(OS.WINDOWS)
class ClaudeCodeContractTest extends BackendContractTest {

    @TempDir
    Path dir;

    @Override
    protected BackendFactory factory() {
        return new ClaudeCodeBackendFactory();
    }

    @Override
    protected Scenario prepare(Kind kind) {
        return switch (kind) {
            case TEXT -> scenario("cat \"$DIR/stdout.jsonl\"", "stream-json-partial.stdout.jsonl");
            case FAILURE -> scenario("cat \"$DIR/stdout.jsonl\"; exit 1", "error-529.stream-json.stdout.jsonl")
                    .failingWith(ErrorKind.OVERLOADED);
            case SLOW -> scenario("head -n 5 \"$DIR/stdout.jsonl\"; exec sleep 1000", "stream-json-partial.stdout.jsonl");
        };
    }

    @Override
    protected Stream<BadOption> badOptions() {
        return Stream.of(
                new BadOption(new JsonObject().put("permissionMode", "yolo"), "permissionMode"),
                new BadOption(new JsonObject().put("permisionMode", "plan"), "permisionMode"),
                new BadOption(new JsonObject().put("timeoutSeconds", 0), "timeoutSeconds"),
                new BadOption(new JsonObject().put("maxQueue", -1), "maxQueue"));
    }

    private Scenario scenario(String output, String fixture) {
        try {
            FakeCliScript claude = FakeClaude.in(dir, output, fixture);
            return Scenario.of(FakeClaude.options(claude), Runs.ask("Say hello")).stoppedWhen(claude.stopProbe());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
