package dev.junction.gateway.config;

import java.nio.file.Path;
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
 * @param source the absolute path of the file the configuration was read from
 */
public record GatewayConfig(
        ServerConfig server, PluginsConfig plugins, Map<String, BackendConfig> backends, AuthConfig auth, Path source) {

    public GatewayConfig {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(plugins, "plugins");
        Objects.requireNonNull(source, "source");
        backends = Collections.unmodifiableMap(new LinkedHashMap<>(backends));
    }

    /** A configuration that asks for no API key. */
    public GatewayConfig(ServerConfig server, PluginsConfig plugins, Map<String, BackendConfig> backends, Path source) {
        this(server, plugins, backends, AuthConfig.NONE, source);
    }
}
