package dev.junction.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.support.PluginJar;
import dev.junction.gateway.support.TestGateway;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading plugin JARs from a folder, and refusing the ones built for another plugin API. */
class PluginHostTest {

    @Test
    void a_plugin_jar_dropped_in_the_folder_provides_its_factory(@TempDir Path dir) {
        PluginJar.write(dir, "slow", ">=0.1.0 & <0.2.0", SlowBackendFactory.class,
                SlowBackendFactory.class, SlowBackendFactory.SlowBackend.class);
        PluginHost host = new PluginHost(dir, "0.1.0");
        host.start();
        try {
            assertThat(host.factory("slow")).isPresent();
            assertThat(host.factory("slow").get().getClass().getClassLoader())
                    .as("loaded from the plugin JAR, not the class path")
                    .isNotSameAs(getClass().getClassLoader());
        } finally {
            host.stop();
        }
    }

    @Test
    void a_plugin_for_another_api_version_is_not_started_and_says_why(@TempDir Path dir) {
        PluginJar.write(dir, "future", ">=2.0.0", SlowBackendFactory.class, SlowBackendFactory.class);
        PluginHost host = new PluginHost(dir, "0.1.0");
        host.start();
        try {
            assertThat(host.factory("future")).isEmpty();
            assertThat(host.whyMissing("future")).contains(">=2.0.0").contains("0.1.0");
            assertThat(host.whyMissing("absent")).contains("not installed").contains(dir.toString());
        } finally {
            host.stop();
        }
    }

    @Test
    void the_built_echo_plugin_jar_loads() {
        PluginHost host = new PluginHost(TestGateway.BUILT_PLUGINS, "1.0.0");
        host.start();
        try {
            assertThat(host.factory("echo")).as("echo.jar in " + TestGateway.BUILT_PLUGINS).isPresent();
        } finally {
            host.stop();
        }
    }
}
