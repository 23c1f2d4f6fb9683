package dev.junction.gateway.config;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The operator's key of {@code auth.adminKey}, which opens the admin endpoints: held only as its
 * SHA-256 digest, so that nothing that prints the configuration can show it. Pure, thread-safe.
 */
public final class AdminKey {

    private final byte[] sha256;

    private AdminKey(byte[] sha256) {
        this.sha256 = sha256;
    }

    /** The key {@code key} (a non-empty string). */
    public static AdminKey of(String key) {
        return new AdminKey(Digests.sha256(key));
    }

    /**
     * Whether {@code presented} is this key: the digests, of the same length whatever was presented,
     * are compared in constant time ({@link MessageDigest#isEqual}).
     */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(Digests.sha256(presented), sha256);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AdminKey key && MessageDigest.isEqual(sha256, key.sha256);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sha256);
    }

    /** Never prints the key or its digest. */
    @Override
    public String toString() {
        return "AdminKey[set]";
    }
}
