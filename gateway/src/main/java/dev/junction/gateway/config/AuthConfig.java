package dev.junction.gateway.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code auth:} section. With no keys, the gateway asks for none.
 *
 * @param adminKey the key of the admin endpoints ({@code auth.adminKey}); empty: they are off
 */
public record AuthConfig(List<ApiKeyConfig> keys, Optional<AdminKey> adminKey) {

    public static final AuthConfig NONE = new AuthConfig(List.of());

    public AuthConfig {
        keys = List.copyOf(keys);
        Objects.requireNonNull(adminKey, "adminKey");
    }

    /** Client keys without an admin key. */
    public AuthConfig(List<ApiKeyConfig> keys) {
        this(keys, Optional.empty());
    }
}
