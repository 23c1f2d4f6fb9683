package dev.junction.plugins.anthropic;

import dev.junction.http.HttpOptions;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The options of an anthropic backend: the common ones of {@link HttpOptions} and the plugin's own.
 *
 * @param version the {@code anthropic-version} header sent with every request
 * @param maxTokens the {@code max_tokens} sent when a request sets none (OpenAI clients often omit
 *     it; the Messages API requires it)
 * @param autoCache whether a request from another dialect gets prompt-cache breakpoints on its
 *     stable prefix ({@link CacheBreakpoints})
 */
record AnthropicOptions(HttpOptions http, String version, int maxTokens, boolean autoCache) {

    static final String DEFAULT_BASE_URL = "https://api.anthropic.com";
    static final String DEFAULT_VERSION = "2023-06-01";
    static final int DEFAULT_MAX_TOKENS = 4096;

    /** The plugin's own option keys. */
    static final Set<String> KEYS = Set.of("version", "maxTokens", "autoCache");

    /**
     * Reads and checks {@code options}.
     *
     * @throws dev.junction.plugin.BackendException with {@code INVALID_REQUEST} naming the first bad option
     */
    static AnthropicOptions parse(JsonObject options) {
        HttpOptions http = HttpOptions.parse(options, DEFAULT_BASE_URL, KEYS);
        return new AnthropicOptions(
                http,
                HttpOptions.string(options, "version", DEFAULT_VERSION),
                HttpOptions.positive(options, "maxTokens", DEFAULT_MAX_TOKENS),
                HttpOptions.bool(options, "autoCache", true));
    }

    /** The headers every request carries: the key (when one is set) and the API version. */
    Map<String, String> fixedHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        if (http.apiKey() != null) {
            headers.put("x-api-key", http.apiKey());
        }
        headers.put("anthropic-version", version);
        return headers;
    }
}
