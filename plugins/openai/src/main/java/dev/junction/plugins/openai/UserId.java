package dev.junction.plugins.openai;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The end user's id of another dialect's client, fit for OpenAI's {@code user}: OpenAI takes at
 * most 64 characters for a user identifier, while Anthropic clients send longer ones (Claude Code's
 * {@code metadata.user_id} is a JSON document of about 150). A longer id goes as its SHA-256 in hex,
 * exactly 64 characters: still one stable value per user, and nothing that identifies them.
 */
final class UserId {

    static final int MAX_LENGTH = 64;

    private UserId() {}

    static String bounded(String user) {
        if (user.length() <= MAX_LENGTH) {
            return user;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(user.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
