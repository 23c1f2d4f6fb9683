package dev.junction.gateway.config;

import java.util.List;

/** The {@code auth:} section. With no keys, the gateway asks for none. */
public record AuthConfig(List<ApiKeyConfig> keys) {

    public static final AuthConfig NONE = new AuthConfig(List.of());

    public AuthConfig {
        keys = List.copyOf(keys);
    }
}
