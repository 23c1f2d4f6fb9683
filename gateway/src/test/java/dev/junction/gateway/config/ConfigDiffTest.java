package dev.junction.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ConfigDiffTest {

    private static final ServerConfig SERVER = new ServerConfig("127.0.0.1", 8080, 1024, 15, 30, 2);
    private static final PluginsConfig PLUGINS = new PluginsConfig(Path.of("/opt/plugins"));

    @Test
    void sorts_backends_into_added_removed_changed_and_rerouted() {
        GatewayConfig before = config(SERVER, PLUGINS, 0,
                backend("kept", "echo", "{}", "a"),
                backend("gone", "echo", "{}", "b"),
                backend("replugged", "echo", "{}", "c"),
                backend("retuned", "openai", "{\"baseUrl\": \"http://one\"}", "d"),
                backend("rerouted", "echo", "{}", "e"));
        GatewayConfig after = config(SERVER, PLUGINS, 2,
                backend("kept", "echo", "{}", "a"),
                backend("replugged", "codex", "{}", "c"),
                backend("retuned", "openai", "{\"baseUrl\": \"http://two\"}", "d"),
                backend("rerouted", "echo", "{}", "e", "f"),
                backend("new", "echo", "{}", "g"));

        ConfigDiff diff = ConfigDiff.between(before, after);

        assertThat(diff).isEqualTo(new ConfigDiff(
                List.of("new"), List.of("gone"), List.of("replugged", "retuned"), List.of("rerouted"), 2, null));
        assertThat(diff.summary())
                .isEqualTo("backends added [new], removed [gone], changed [replugged, retuned], updated [rerouted];"
                        + " 2 API keys");
    }

    @Test
    void says_so_when_no_backend_changed() {
        GatewayConfig config = config(SERVER, PLUGINS, 1, backend("echo", "echo", "{}", "echo"));

        assertThat(ConfigDiff.between(config, config).summary()).isEqualTo("backends unchanged; 1 API key");
    }

    @Test
    void names_the_settings_that_need_a_restart() {
        GatewayConfig started = config(SERVER, PLUGINS, 0, backend("echo", "echo", "{}", "echo"));
        GatewayConfig moved = config(
                new ServerConfig("0.0.0.0", 9090, SERVER.instances() + 1, 2048, 5, 10, 1, List.of(), List.of(),
                        ConnectionLimits.DEFAULTS),
                new PluginsConfig(Path.of("/srv/plugins")),
                0,
                backend("echo", "echo", "{}", "echo"));
        GatewayConfig retuned = config(new ServerConfig("127.0.0.1", 8080, 2048, 5, 10, 1), PLUGINS, 0,
                backend("echo", "echo", "{}", "echo"));

        assertThat(ConfigDiff.needingRestart(started, moved)).containsExactly("server.host", "server.port", "server.instances", "plugins.dir");
        assertThat(ConfigDiff.needingRestart(started, retuned)).isEmpty();
    }

    private static BackendConfig backend(String id, String plugin, String options, String... models) {
        return new BackendConfig(id, plugin, List.of(models), new JsonObject(options));
    }

    private static GatewayConfig config(ServerConfig server, PluginsConfig plugins, int keys, BackendConfig... backends) {
        Map<String, BackendConfig> byId = new LinkedHashMap<>();
        for (BackendConfig backend : backends) {
            byId.put(backend.id(), backend);
        }
        List<ApiKeyConfig> apiKeys = IntStream.range(0, keys)
                .mapToObj(i -> new ApiKeyConfig("key" + i, Digests.sha256("k" + i), null))
                .toList();
        return new GatewayConfig(server, plugins, byId, new AuthConfig(apiKeys), ClusterConfig.DEFAULTS, ResponsesConfig.DEFAULTS,
                new ConfigSource(Path.of("/etc/junction/gateway.yaml"), Map.of(), null), "rev");
    }
}
