package dev.junction.plugins.codex;

import dev.junction.plugin.testkit.TestBackendContext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.plugin.Backend;
import dev.junction.plugin.BackendException;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatSink;
import dev.junction.plugin.FinishReason;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class CodexBackendFactoryTest {

    private final CodexBackendFactory factory = new CodexBackendFactory();

    @Test
    void refuses_a_bad_plugin_option_at_creation() {
        assertThatThrownBy(() -> create(new JsonObject().put("sandbox", "none")))
                .isInstanceOf(BackendException.class)
                .hasMessageStartingWith("options.sandbox: must be one of");
    }

    @Test
    void backend_names_the_codex_alias() {
        Backend backend = create(new JsonObject());

        assertThat(backend.blocking()).isTrue();
        assertThat(backend.models().result()).containsExactly("codex");
    }

    /**
     * A stand-in for {@code codex app-server} that answers each request of the plugin with the
     * recorded lines that followed it, then waits for stdin to close.
     */
    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void streams_a_recorded_session_through_a_real_process(@TempDir Path dir) throws IOException {
        writeRecordedAnswers(dir);
        Path script = dir.resolve("fake-codex");
        Files.writeString(script, """
                #!/bin/sh
                [ "$1" = app-server ] || exit 2
                while IFS= read -r line; do
                  case "$line" in
                    *'"method":"initialize"'*) cat "$(dirname "$0")/answer-initialize" ;;
                    *'"method":"thread/start"'*) cat "$(dirname "$0")/answer-thread-start" ;;
                    *'"method":"turn/start"'*) cat "$(dirname "$0")/answer-turn-start" ;;
                  esac
                done
                """);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        RecordingSink sink = new RecordingSink();

        create(new JsonObject().put("command", script.toString()).put("timeoutSeconds", 30))
                .chat(Requests.user("codex", "Say hello"), sink);

        assertThat(sink.events).containsExactly(
                new ChatEvent.MessageStart("01a1fe78-a71a-7491-88d4-865608f4cefa", "gpt-6.1-sol"),
                ChatEvent.BlockStart.text(0),
                new ChatEvent.TextDelta(0, "Hello"),
                new ChatEvent.TextDelta(0, " from"),
                new ChatEvent.TextDelta(0, " stub"),
                new ChatEvent.BlockStop(0),
                new ChatEvent.Usage(12, 5, 0, 0, 0),
                ChatEvent.Finish.of(FinishReason.END_TURN));
    }

    /** Splits the recorded replies by the request they answer. */
    private static void writeRecordedAnswers(Path dir) throws IOException {
        List<String> names = List.of("answer-initialize", "answer-thread-start", "answer-turn-start");
        List<StringBuilder> answers = List.of(new StringBuilder(), new StringBuilder(), new StringBuilder());
        int current = -1;
        for (JsonObject line : Fixtures.jsonLines("app-server.jsonl")) {
            JsonObject message = line.getJsonObject("msg");
            if ("send".equals(line.getString("dir")) && message.containsKey("id")) {
                current++;
            } else if ("recv".equals(line.getString("dir"))) {
                answers.get(current).append(message.encode()).append('\n');
            }
        }
        for (int i = 0; i < names.size(); i++) {
            Files.writeString(dir.resolve(names.get(i)), answers.get(i));
        }
    }

    private Backend create(JsonObject options) {
        return factory.create(TestBackendContext.of("codex", options, null));
    }

    private static final class RecordingSink implements ChatSink {
        final List<ChatEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void emit(ChatEvent event) {
            events.add(event);
        }

        @Override
        public boolean cancelled() {
            return false;
        }

        @Override
        public void onCancel(Runnable action) {
            // never cancelled
        }

        @Override
        public boolean ready() {
            return true;
        }

        @Override
        public void onReady(Runnable action) {
            action.run();
        }
    }
}
