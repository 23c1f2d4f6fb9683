package dev.junction.plugins.claude;

import dev.junction.plugin.testkit.TestBackendContext;
import static dev.junction.plugins.claude.Runs.assertInvalidRequest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.plugin.Backend;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class ClaudeCodeBackendFactoryTest {

    private final ClaudeCodeBackendFactory factory = new ClaudeCodeBackendFactory();

    @Test
    void creates_a_blocking_backend_that_lists_its_model_aliases() {
        JsonObject options = new JsonObject()
                .put("permissionMode", "plan")
                .put("modelMap", new JsonObject().put("sonnet", "claude-sonnet-4"));

        Backend backend = factory.create(TestBackendContext.of("claude", options, null));

        assertThat(backend.blocking()).isTrue();
        assertThat(backend.models().result()).containsExactlyInAnyOrder("claude", "sonnet");
    }

    @Test
    void rejects_a_bad_permission_mode_naming_the_option() {
        JsonObject options = new JsonObject().put("permissionMode", "yolo");

        assertInvalidRequest(
                () -> factory.create(TestBackendContext.of("claude", options, null)),
                "options.permissionMode: must be one of acceptEdits, auto, bypassPermissions, default, dontAsk, plan");
    }

    @Test
    void rejects_an_unknown_option() {
        JsonObject options = new JsonObject().put("permisionMode", "plan");

        assertInvalidRequest(
                () -> factory.create(TestBackendContext.of("claude", options, null)),
                "options.permisionMode: unknown option");
    }

    @Test
    void is_unavailable_with_the_install_hint_when_the_command_is_missing() {
        JsonObject options = new JsonObject().put("command", "/nonexistent/claude");

        Backend backend = factory.create(TestBackendContext.of("claude", options, null));

        assertThat(backend.availability().available()).isFalse();
        assertThat(backend.availability().reason()).contains("npm install -g @anthropic-ai/claude-code");
    }
}
