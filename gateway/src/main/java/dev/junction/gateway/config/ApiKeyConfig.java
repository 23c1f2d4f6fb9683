package dev.junction.gateway.config;

import java.util.List;
import java.util.Objects;

/**
 * One entry of {@code auth.keys}: a named client key, held only as its SHA-256 digest.
 *
 * @param sha256 the 32-byte SHA-256 digest of the key (a {@code key:} value is hashed at load)
 * @param models the model globs the key may use, or {@code null} for every model
 */
public record ApiKeyConfig(String name, byte[] sha256, List<String> models) {

    public ApiKeyConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sha256, "sha256");
        sha256 = sha256.clone();
        models = models == null ? null : List.copyOf(models);
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    /** Never prints the digest. */
    @Override
    public String toString() {
        return "ApiKeyConfig[name=" + name + ", models=" + models + "]";
    }
}
