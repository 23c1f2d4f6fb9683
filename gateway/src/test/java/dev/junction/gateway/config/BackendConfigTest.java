package dev.junction.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackendConfigTest {

    @Test
    void options_default_to_an_empty_object() {
        assertThat(new BackendConfig("echo", "echo", List.of("echo"), null).options()).isEqualTo(new JsonObject());
    }

    @Test
    void callers_cannot_change_options_or_models() {
        JsonObject options = new JsonObject().put("command", "claude");
        List<String> models = new ArrayList<>(List.of("claude"));
        BackendConfig backend = new BackendConfig("claude", "claude-code", models, options);

        options.put("command", "other");
        models.add("gpt-4o");
        backend.options().put("command", "changed");

        assertThat(backend.options()).isEqualTo(new JsonObject().put("command", "claude"));
        assertThat(backend.models()).containsExactly("claude");
    }
}
