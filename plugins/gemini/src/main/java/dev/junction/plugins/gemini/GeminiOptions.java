package dev.junction.plugins.gemini;

import dev.junction.http.HttpOptions;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * The gemini backend's options: the common HTTP ones ({@link HttpOptions}) and two of its own.
 *
 * @param syntheticThoughtSignatures whether an unsigned function call of the current turn gets
 *     Gemini's documented stand-in signature (default {@code true})
 * @param thinkingConfig sent as {@code generationConfig.thinkingConfig} with every chat request,
 *     or {@code null}
 */
record GeminiOptions(HttpOptions http, boolean syntheticThoughtSignatures, JsonObject thinkingConfig) {

    static final String DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com/v1beta";

    private static final String SYNTHETIC = "syntheticThoughtSignatures";
    private static final String THINKING = "thinkingConfig";

    /**
     * Reads and checks {@code options}.
     *
     * @throws dev.junction.plugin.BackendException naming the first bad option
     */
    static GeminiOptions parse(JsonObject options) {
        HttpOptions http = HttpOptions.parse(options, DEFAULT_BASE_URL, Set.of(SYNTHETIC, THINKING));
        Object synthetic = options.getValue(SYNTHETIC);
        if (synthetic != null && !(synthetic instanceof Boolean)) {
            throw HttpOptions.invalid(SYNTHETIC, "must be true or false");
        }
        Object thinking = options.getValue(THINKING);
        if (thinking != null && !(thinking instanceof JsonObject)) {
            throw HttpOptions.invalid(THINKING, "must be an object, e.g. {includeThoughts: true}");
        }
        return new GeminiOptions(
                http, !Boolean.FALSE.equals(synthetic), thinking == null ? null : ((JsonObject) thinking).copy());
    }
}
