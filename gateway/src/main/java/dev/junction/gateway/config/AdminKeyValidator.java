package dev.junction.gateway.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HexFormat;
import java.util.List;

/**
 * Checks {@code auth.adminKey} for {@link ConfigValidator}: a string (empty or left out: the admin
 * endpoints are off) without whitespace at either end (a presented key is trimmed, so it could never
 * match), and none of the API keys of {@code auth.keys}, which must not open the admin endpoints.
 * No message shows the key. Pure.
 */
final class AdminKeyValidator {

    private static final String PATH = "auth.adminKey";

    private AdminKeyValidator() {}

    /** The problems of the admin key in {@code auth}, the {@code auth:} section. */
    static List<String> validate(JsonObject auth) {
        Object value = auth.getValue("adminKey");
        if (value == null || "".equals(value)) {
            return List.of();
        }
        if (!(value instanceof String key)) {
            return List.of(PATH + ": must be a string; leave it out or empty to turn the admin endpoints off");
        }
        if (!key.equals(key.strip())) {
            return List.of(PATH + ": must not begin or end with whitespace");
        }
        if (isApiKey(key, auth.getValue("keys"))) {
            return List.of(PATH
                    + ": must differ from every key of auth.keys (an API key must not open the admin endpoints)");
        }
        return List.of();
    }

    private static boolean isApiKey(String adminKey, Object keys) {
        if (!(keys instanceof JsonArray entries)) {
            return false;
        }
        String digest = HexFormat.of().formatHex(Digests.sha256(adminKey));
        return entries.stream()
                .filter(JsonObject.class::isInstance)
                .map(JsonObject.class::cast)
                .anyMatch(entry -> adminKey.equals(entry.getValue("key"))
                        || entry.getValue("sha256") instanceof String sha256 && digest.equalsIgnoreCase(sha256));
    }
}
