package dev.junction.plugins.geminicli;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * The settings file a run's private Gemini CLI home holds: bounded retries, no auto-update, no
 * usage statistics or telemetry, and API-key auth when the backend has a key. API-key auth must be
 * selected explicitly: with {@code GOOGLE_GEMINI_BASE_URL} set and no selected type, Gemini CLI
 * 0.61.0 picks the auth type {@code gateway}, rejects it and exits with code 41.
 */
final class GeminiSettings {

    private GeminiSettings() {}

    /** The settings for {@code options}, {@code options.settings} merged over them (deeply). */
    static JsonObject of(GeminiOptions options, Map<String, String> env) {
        JsonObject settings = new JsonObject()
                .put("general", new JsonObject()
                        .put("maxAttempts", options.maxAttempts())
                        .put("enableAutoUpdate", false)
                        .put("enableAutoUpdateNotification", false))
                .put("privacy", new JsonObject().put("usageStatisticsEnabled", false))
                .put("telemetry", new JsonObject().put("enabled", false));
        if (env.containsKey("GEMINI_API_KEY")) {
            settings.put("security", new JsonObject()
                    .put("auth", new JsonObject().put("selectedType", "gemini-api-key")));
        }
        return settings.mergeIn(options.settings(), true);
    }
}
