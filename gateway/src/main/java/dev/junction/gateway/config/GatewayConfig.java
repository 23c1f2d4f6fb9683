package dev.junction.gateway.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The whole gateway configuration, validated, with defaults applied and variables expanded.
 * Built by {@link ConfigLoader#load}.
 *
 * @param backends the backends by id, in the order the file lists them (unmodifiable)
 * @param auth the client API keys; none means no key is needed
 * @param cluster how this node joins a cluster, when it starts clustered
 * @param responses how the answers of the Responses API are kept
 * @param source the file the configuration was read from, and how to read it again
 * @param revision the SHA-256 (hex) of the file content it was read from: a reload applies when
 *     the file's content no longer has it
 */
public record GatewayConfig(
        ServerConfig server,
        PluginsConfig plugins,
        Map<String, BackendConfig> backends,
        AuthConfig auth,
        ClusterConfig cluster,
        ResponsesConfig responses,
        ConfigSource source,
        String revision) {

    public GatewayConfig {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(responses, "responses");
        Objects.requireNonNull(plugins, "plugins");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(revision, "revision");
        backends = Collections.unmodifiableMap(new LinkedHashMap<>(backends));
    }
}
