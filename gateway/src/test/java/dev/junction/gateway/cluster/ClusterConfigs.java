package dev.junction.gateway.cluster;

import dev.junction.gateway.config.AuthConfig;
import dev.junction.gateway.config.ClusterConfig;
import dev.junction.gateway.config.ConfigSource;
import dev.junction.gateway.config.GatewayConfig;
import dev.junction.gateway.config.PluginsConfig;
import dev.junction.gateway.config.ResponsesConfig;
import dev.junction.gateway.config.ServerConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Gateway configurations that differ in their {@code cluster:} section only, for the settings' tests. */
final class ClusterConfigs {

    private ClusterConfigs() {}

    /** The defaults with {@code host}, {@code publicHost} and {@code members} replaced. */
    static ClusterConfig cluster(String host, String publicHost, List<String> members) {
        return new ClusterConfig(false, "test", host, 5701, publicHost, 0, members, false, Optional.empty(), Optional.empty());
    }

    /** A gateway configuration read from {@code file} with {@code cluster}. */
    static GatewayConfig gateway(Path file, ClusterConfig cluster) {
        return new GatewayConfig(
                new ServerConfig("127.0.0.1", 0, 1024, 15, 30, 0),
                new PluginsConfig(file.resolveSibling("plugins")),
                Map.of(),
                AuthConfig.NONE,
                cluster,
                ResponsesConfig.DEFAULTS,
                new ConfigSource(file, Map.of(), null),
                "rev");
    }
}
