package dev.junction.http;

import dev.junction.plugin.BackendException;
import dev.junction.plugin.ErrorKind;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The options every HTTP provider backend takes (a backend's {@code options} in the configuration).
 *
 * @param baseUrl the API's root, without a trailing slash ({@code https://api.openai.com/v1})
 * @param apiKey the key the plugin sends in its provider's header, or {@code null} for none
 * @param headers extra headers sent with every request
 * @param connectTimeoutSeconds the longest a connection may take to open
 * @param firstByteTimeoutSeconds the longest the upstream may take to start answering
 * @param timeoutSeconds the longest a whole request may take
 * @param modelMap request model → upstream model; names not in it pass unchanged
 * @param raw all options as given, for the plugin's own keys
 */
public record HttpOptions(
        String baseUrl,
        String apiKey,
        Map<String, String> headers,
        int connectTimeoutSeconds,
        int firstByteTimeoutSeconds,
        int timeoutSeconds,
        Map<String, String> modelMap,
        JsonObject raw) {

    /** The keys every HTTP provider backend understands. */
    public static final Set<String> COMMON_KEYS = Set.of(
            "baseUrl", "apiKey", "headers", "connectTimeoutSeconds", "firstByteTimeoutSeconds", "timeoutSeconds",
            "modelMap");

    public HttpOptions {
        headers = Map.copyOf(headers);
        modelMap = Map.copyOf(modelMap);
    }

    /**
     * Reads and checks {@code options}.
     *
     * @param defaultBaseUrl the provider's public API root
     * @param pluginKeys the plugin's own option keys
     * @throws BackendException with {@link ErrorKind#INVALID_REQUEST} naming the first bad option
     */
    public static HttpOptions parse(JsonObject options, String defaultBaseUrl, Set<String> pluginKeys) {
        for (String key : options.fieldNames()) {
            if (!COMMON_KEYS.contains(key) && !pluginKeys.contains(key)) {
                throw invalid(key, "unknown option");
            }
        }
        String baseUrl = string(options, "baseUrl", defaultBaseUrl);
        if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
            throw invalid("baseUrl", "must be an http:// or https:// URL");
        }
        String apiKey = options.getValue("apiKey") == null || "".equals(options.getValue("apiKey"))
                ? null
                : string(options, "apiKey", null);
        return new HttpOptions(
                baseUrl.replaceAll("/+$", ""),
                apiKey,
                stringMap(options, "headers"),
                positive(options, "connectTimeoutSeconds", 10),
                positive(options, "firstByteTimeoutSeconds", 120),
                positive(options, "timeoutSeconds", 600),
                stringMap(options, "modelMap"),
                options.copy());
    }

    /** The model to ask the upstream for. */
    public String upstreamModel(String requested) {
        return modelMap.getOrDefault(requested, requested);
    }

    /** A plugin option that must be a non-empty string, or {@code fallback} when absent. */
    public static String string(JsonObject options, String key, String fallback) {
        Object value = options.getValue(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof String text && !text.isEmpty()) {
            return text;
        }
        throw invalid(key, "must be a non-empty string");
    }

    /** A plugin option that must be a positive integer, or {@code fallback} when absent. */
    public static int positive(JsonObject options, String key, int fallback) {
        Object value = options.getValue(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number number
                && number.doubleValue() == Math.rint(number.doubleValue())
                && number.longValue() >= 1
                && number.longValue() <= Integer.MAX_VALUE) {
            return number.intValue();
        }
        throw invalid(key, "must be a positive integer");
    }

    /** A plugin option that must be {@code true} or {@code false}, or {@code fallback} when absent. */
    public static boolean bool(JsonObject options, String key, boolean fallback) {
        Object value = options.getValue(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean flag) {
            return flag;
        }
        throw invalid(key, "must be true or false");
    }

    /** A failure that names the option: {@code options.baseUrl: must be an http:// or https:// URL}. */
    public static BackendException invalid(String key, String problem) {
        return new BackendException(ErrorKind.INVALID_REQUEST, "options." + key + ": " + problem);
    }

    private static Map<String, String> stringMap(JsonObject options, String key) {
        Object value = options.getValue(key);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof JsonObject object)) {
            throw invalid(key, "must be a map of strings");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (String name : object.fieldNames()) {
            if (!(object.getValue(name) instanceof String text)) {
                throw invalid(key + "." + name, "must be a string");
            }
            map.put(name, text);
        }
        return map;
    }
}
