package dev.junction.plugins.geminicli;

import dev.junction.plugin.testkit.TestBackendContext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.cli.CliBackend;
import dev.junction.plugin.Backend;
import dev.junction.plugin.BackendException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeminiCliBackendFactoryTest {

    private final GeminiCliBackendFactory factory = new GeminiCliBackendFactory();

    @Test
    void creates_a_cli_backend_that_names_its_aliases() {
        Backend backend = factory.create(TestBackendContext.of("gemini", new JsonObject(), null));

        assertThat(backend).isInstanceOf(CliBackend.class);
        assertThat(backend.models().result()).containsExactly("gemini");
    }

    @Test
    void rejects_a_bad_plugin_option_at_start() {
        assertThatThrownBy(() -> factory.create(TestBackendContext.of("gemini", new JsonObject().put("maxAttempts", 20), null)))
                .isInstanceOf(BackendException.class)
                .hasMessage("options.maxAttempts: must be an integer from 1 to 10");
    }

    @Test
    void is_listed_in_the_pf4j_extension_index() throws IOException {
        List<String> indexes = new ArrayList<>();
        for (URL index : Collections.list(getClass().getClassLoader().getResources("META-INF/extensions.idx"))) {
            try (InputStream in = index.openStream()) {
                indexes.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(indexes).anyMatch(index -> index.contains(GeminiCliBackendFactory.class.getName()));
    }
}
