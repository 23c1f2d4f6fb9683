package dev.junction.plugins.codex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.plugin.Backend;
import dev.junction.plugin.BackendException;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.FinishReason;
import dev.junction.plugin.testkit.FakeCliScript;
import dev.junction.plugin.testkit.RecordingSink;
import dev.junction.plugin.testkit.TestBackendContext;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
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

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void streams_a_recorded_session_through_a_real_process(@TempDir Path dir) {
        FakeCliScript codex = FakeCodex.write(dir, FakeCodex.recordedAnswers(), ":");
        RecordingSink sink = new RecordingSink();

        create(new JsonObject().put("command", codex.command().toString()).put("timeoutSeconds", 30))
                .chat(Requests.user("codex", "Say hello"), sink);

        assertThat(sink.events()).containsExactly(
                new ChatEvent.MessageStart("01a1fe78-a71a-7491-88d4-865608f4cefa", "gpt-6.1-sol"),
                ChatEvent.BlockStart.text(0),
                new ChatEvent.TextDelta(0, "Hello"),
                new ChatEvent.TextDelta(0, " from"),
                new ChatEvent.TextDelta(0, " stub"),
                new ChatEvent.BlockStop(0),
                new ChatEvent.Usage(12, 5, 0, 0, 0),
                ChatEvent.Finish.of(FinishReason.END_TURN));
    }

    private Backend create(JsonObject options) {
        return factory.create(TestBackendContext.of("codex", options, null));
    }
}
