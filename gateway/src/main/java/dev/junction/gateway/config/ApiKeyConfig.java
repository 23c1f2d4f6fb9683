package dev.junction.gateway.config;

import java.util.List;
import java.util.Objects;

/**
 * One entry of {@code auth.keys}: a named client key, held only as its SHA-256 digest.
 *
 * @param sha256 the 32-byte SHA-256 digest of the key (a {@code key:} value is hashed at load)
 * @param models the model globs the key may use, or {@code null} for every model
 * @param limits the key's rate limits ({@link KeyLimits#NONE} for none)
 */
public record ApiKeyConfig(String name, byte[] sha256, List<String> models, KeyLimits limits) {

    public ApiKeyConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sha256, "sha256");
        sha256 = sha256.clone();
        models = models == null ? null : List.copyOf(models);
        limits = limits == null ? KeyLimits.NONE : limits;
    }

    /** A key without limits. */
    public ApiKeyConfig(String name, byte[] sha256, List<String> models) {
        this(name, sha256, models, KeyLimits.NONE);
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    /** Never prints the digest. */
    @Override
    public String toString() {
        return "ApiKeyConfig[name=" + name + ", models=" + models + ", limits=" + limits + "]";
    }
}
