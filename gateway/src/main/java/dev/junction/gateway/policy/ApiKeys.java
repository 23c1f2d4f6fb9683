package dev.junction.gateway.policy;

import dev.junction.gateway.config.ApiKeyConfig;
import dev.junction.gateway.config.AuthConfig;
import dev.junction.gateway.config.Digests;
import dev.junction.gateway.config.KeyLimits;
import dev.junction.gateway.route.ModelPattern;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * The configured client keys. A presented key is hashed and its digest compared with every
 * entry's in constant time ({@link MessageDigest#isEqual}); keys themselves are never compared
 * or kept. Pure: no I/O, safe on any thread.
 */
public final class ApiKeys {

    /** A key entry that matched: its name (for logs and limits), the models it may use, its limits. */
    public static final class Key {

        private final String name;
        private final byte[] sha256;
        private final List<ModelPattern> models;
        private final KeyLimits limits;

        private Key(ApiKeyConfig config) {
            this.name = config.name();
            this.sha256 = config.sha256();
            this.models = config.models() == null
                    ? null
                    : config.models().stream().map(ModelPattern::new).toList();
            this.limits = config.limits();
        }

        public String name() {
            return name;
        }

        /** The key's rate limits; {@link KeyLimits#NONE} when it has none. */
        public KeyLimits limits() {
            return limits;
        }

        /** Whether this key may use {@code model}: any model without a {@code models} list. */
        public boolean allows(String model) {
            return models == null || (model != null && models.stream().anyMatch(pattern -> pattern.matches(model)));
        }

        @Override
        public String toString() {
            return "Key[" + name + "]";
        }
    }

    private final List<Key> keys;

    public ApiKeys(AuthConfig config) {
        this.keys = config.keys().stream().map(Key::new).toList();
    }

    /** Whether a client must present a key: only when some are configured. */
    public boolean required() {
        return !keys.isEmpty();
    }

    /** The entry whose key is {@code presented}; empty for null, blank or unknown keys. */
    public Optional<Key> find(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        byte[] digest = Digests.sha256(presented);
        Key found = null;
        for (Key key : keys) {
            // No early exit: every entry costs the same whether or not an earlier one matched.
            if (MessageDigest.isEqual(digest, key.sha256) && found == null) {
                found = key;
            }
        }
        return Optional.ofNullable(found);
    }
}
