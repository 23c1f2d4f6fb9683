package dev.junction.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.support.PluginJar;
import dev.junction.gateway.support.TestGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import dev.junction.gateway.support.PrometheusText;
import dev.junction.gateway.support.Scrapes;

/** {@code /metrics} shows each plugin's state and whether this node runs each backend. */
@Timeout(60)
class PluginMetricsTest {

    @Test
    void shows_started_and_refused_plugins_and_which_backends_run(@TempDir Path dir) throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(TestGateway.BUILT_PLUGINS.resolve("echo.jar"), plugins.resolve("echo.jar"));
        PluginJar.write(plugins, "future", ">=2.0.0", PacedBackendFactory.class,
                PacedBackendFactory.class, PacedBackendFactory.PacedBackend.class);

        try (TestGateway gateway = TestGateway.builder(dir)
                .plugins(plugins)
                .backends(TestGateway.echoBackend() + "  later:\n    plugin: future\n    models: [later]\n")
                .start()) {
            PrometheusText text = Scrapes.scrape(gateway);

            assertThat(text.value("junction_plugins", "plugin", "echo", "state", "started")).isEqualTo(1);
            assertThat(text.find("junction_plugins", "plugin", "future")).singleElement().satisfies(sample -> {
                assertThat(sample.labels().get("state")).as("refused by Plugin-Requires").isEqualTo("disabled");
                assertThat(sample.value()).isEqualTo(1);
            });
            assertThat(text.value("junction_backend_up", "backend", "echo")).isEqualTo(1);
            assertThat(text.find("junction_backend_up", "backend", "later")).singleElement()
                    .satisfies(sample -> assertThat(sample.value()).isZero());
        }
    }
}
