package dev.junction.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.junction.gateway.support.PluginJar;
import dev.junction.gateway.support.TestGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading plugin JARs from a folder, refusing the ones built for another plugin API, and following
 * the folder: new versions, removals, and old versions unloaded once no backend uses them.
 */
class PluginHostTest {

    private PluginHost started;

    /** A host of {@code dir}, started, and stopped after the test. */
    private PluginHost started(Path dir, String apiVersion) {
        started = new PluginHost(dir, apiVersion);
        started.start();
        return started;
    }

    @AfterEach
    void stop() {
        if (started != null) {
            started.stop();
        }
    }

    @Test
    void a_plugin_jar_dropped_in_the_folder_provides_its_factory(@TempDir Path dir) {
        PluginJar.write(dir, "slow", ">=0.1.0 & <0.2.0", SlowBackendFactory.class,
                SlowBackendFactory.class, SlowBackendFactory.SlowBackend.class);
        PluginHost host = started(dir, "0.1.0");
        assertThat(host.current("slow").map(LoadedPlugin::factory)).isPresent();
        assertThat(host.current("slow").map(LoadedPlugin::factory).get().getClass().getClassLoader())
                .as("loaded from the plugin JAR, not the class path")
                .isNotSameAs(getClass().getClassLoader());
    }

    @Test
    void a_plugin_for_another_api_version_is_not_started_and_says_why(@TempDir Path dir) {
        PluginJar.write(dir, "future", ">=2.0.0", SlowBackendFactory.class, SlowBackendFactory.class);
        PluginHost host = started(dir, "0.1.0");
        assertThat(host.current("future").map(LoadedPlugin::factory)).isEmpty();
        assertThat(host.whyMissing("future")).contains(">=2.0.0").contains("0.1.0");
        assertThat(host.whyMissing("absent")).contains("not installed").contains(dir.toString());
    }

    @Test
    void the_built_echo_plugin_jar_loads() {
        PluginHost host = started(TestGateway.BUILT_PLUGINS, "1.0.0");
        assertThat(host.current("echo").map(LoadedPlugin::factory)).as("echo.jar in " + TestGateway.BUILT_PLUGINS).isPresent();
    }

    @Test
    void a_replaced_version_is_unloaded_once_no_backend_uses_it(@TempDir Path dir) throws Exception {
        Path jar = HotPluginGateway.hotJar("hot", "1.0.0", "one").write(dir.resolve("hot.jar"));
        PluginHost host = started(dir, "0.1.0");
        LoadedPlugin first = host.current("hot").orElseThrow();
        first.acquire();

        HotPluginGateway.hotJar("hot", "2.0.0", "two").write(jar);
        assertThat(host.refresh(false)).as("a plugin changed").isTrue();
        assertThat(host.current("hot").orElseThrow().version()).isEqualTo("2.0.0");
        assertThat(host.serves(first)).isFalse();
        assertThat(host.refresh(false)).as("nothing changed since").isFalse();
        assertThat(host.plugins()).extracting(PluginInfo::version, PluginInfo::state)
                .containsExactlyInAnyOrder(tuple("1.0.0", "stopping"), tuple("2.0.0", "started"));

        first.release();
        host.refresh(false);
        assertThat(host.plugins()).extracting(PluginInfo::version, PluginInfo::state)
                .containsExactly(tuple("2.0.0", "started"));
    }

    @Test
    void a_removed_jar_leaves_its_plugin_missing_with_the_reason(@TempDir Path dir) throws Exception {
        Path jar = HotPluginGateway.hotJar("hot", "1.0.0", "one").write(dir.resolve("hot.jar"));
        PluginHost host = started(dir, "0.1.0");
        Files.delete(jar);
        assertThat(host.refresh(true)).isTrue();

        assertThat(host.current("hot").map(LoadedPlugin::factory)).isEmpty();
        assertThat(host.whyMissing("hot")).isEqualTo("plugin 'hot' was removed from " + dir);
    }

    @Test
    void removing_the_serving_jar_brings_back_another_jar_of_the_same_plugin(@TempDir Path dir) throws Exception {
        HotPluginGateway.hotJar("hot", "1.0.0", "one").write(dir.resolve("hot-1.jar"));
        Path second = HotPluginGateway.hotJar("hot", "2.0.0", "two").write(dir.resolve("hot-2.jar"));
        PluginHost host = started(dir, "0.1.0");
        assertThat(host.current("hot").orElseThrow().version()).as("loaded last").isEqualTo("2.0.0");

        Files.delete(second);
        host.refresh(true);
        host.refresh(true);

        assertThat(host.current("hot").orElseThrow().version()).isEqualTo("1.0.0");
    }

    @Test
    void stopping_unloads_every_plugin_and_deletes_the_copies(@TempDir Path dir) {
        HotPluginGateway.hotJar("hot", "1.0.0", "one").write(dir.resolve("hot.jar"));
        PluginHost host = started(dir, "0.1.0");
        ClassLoader loader = host.current("hot").map(LoadedPlugin::factory).orElseThrow().getClass().getClassLoader();

        host.stop();

        assertThat(host.plugins()).isEmpty();
        assertThat(host.current("hot").map(LoadedPlugin::factory)).isEmpty();
        assertThat(loader.getResource(HotBackendFactory.LABEL_RESOURCE)).as("its class loader closed").isNull();
    }
}
