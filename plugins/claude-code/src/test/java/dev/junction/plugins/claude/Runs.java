package dev.junction.plugins.claude;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.cli.CliOptions;
import dev.junction.cli.CliRun;
import dev.junction.cli.RecordingInput;
import dev.junction.cli.TempFiles;
import dev.junction.plugin.BackendException;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ContentPart;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.Message;
import dev.junction.plugin.testkit.RecordingSink;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Test support: requests, prepared runs, recorded fixtures replayed line by line. */
final class Runs {

    private Runs() {}

    static ChatRequest request(String model, String system, Message... messages) {
        List<ContentPart> systemParts = system == null ? List.of() : List.of(new ContentPart.Text(system));
        return ChatRequest.builder(model)
                .system(systemParts)
                .messages(List.of(messages))
                .build();
    }

    static ChatRequest ask(String text) {
        return request("claude", null, Message.text(Message.Role.USER, text));
    }

    /** The run the protocol prepares for {@code request} with these backend options. */
    static CliRun prepare(ChatRequest request, JsonObject options) {
        ClaudeCodeProtocol protocol = new ClaudeCodeProtocol(ClaudeOptions.parse(options));
        try (TempFiles files = new TempFiles()) {
            return protocol.prepare(request, CliOptions.parse(options, protocol), files);
        }
    }

    /** What {@link CliRun#start} writes to stdin. */
    static RecordingInput started(CliRun run) {
        RecordingInput stdin = new RecordingInput();
        run.start(stdin);
        return stdin;
    }

    /** The events of a recorded stdout, fed line by line to a run for the model {@code claude}. */
    static RecordingSink replay(String fixture) {
        return replay(prepare(ask("Say hello"), new JsonObject()), lines(fixture));
    }

    /** The events {@code run} makes of {@code lines}, fed to it one by one. */
    static RecordingSink replay(CliRun run, List<String> lines) {
        RecordingSink events = new RecordingSink();
        RecordingInput stdin = new RecordingInput();
        lines.forEach(line -> run.onLine(line, stdin, events::emit));
        return events;
    }

    /** The lines of {@code src/test/resources/fixtures/<name>}, copied from the recorded CLI runs. */
    static List<String> lines(String fixture) {
        try (InputStream in = Runs.class.getResourceAsStream("/fixtures/" + fixture)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + fixture);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts that {@code call} fails with {@link ErrorKind#INVALID_REQUEST} and {@code message}. */
    static void assertInvalidRequest(ThrowingCallable call, String message) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        BackendException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST))
                .hasMessage(message);
    }
}
