package dev.junction.plugins.openai;

import dev.junction.http.HttpOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A backend's options: the common {@link HttpOptions} and this plugin's own keys.
 *
 * @param http the options every HTTP provider takes
 * @param flavor whether the upstream is OpenAI's own API or a compatible server
 * @param organization the {@code OpenAI-Organization} header, or {@code null}
 * @param project the {@code OpenAI-Project} header, or {@code null}
 * @param api which of the upstream's chat APIs the backend calls
 * @param relay whether OpenAI clients' requests go through as they are ({@link OpenAiRelay})
 */
record OpenAiSettings(HttpOptions http, Flavor flavor, String organization, String project, Api api, boolean relay) {

    static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

    private static final Set<String> PLUGIN_KEYS = Set.of("flavor", "organization", "project", "api", "relay");

    /** What the upstream understands beyond the common Chat Completions fields. */
    enum Flavor {
        /**
         * OpenAI's own API: the token limit goes in {@code max_completion_tokens} (the reasoning
         * models reject {@code max_tokens}) and {@code top_k} is refused before the call.
         */
        OPENAI,
        /**
         * An OpenAI-compatible server (vLLM, Ollama, Groq, OpenRouter, ...): the token limit goes
         * in {@code max_tokens}, which all of them read, and {@code top_k} passes through.
         */
        COMPATIBLE
    }

    /** The upstream API chat goes through. */
    enum Api {
        /** Chat Completions, {@code POST /chat/completions}: what every compatible server speaks. */
        CHAT,
        /** The Responses API, {@code POST /responses}: some OpenAI models are served only there. */
        RESPONSES
    }

    /**
     * Reads and checks a backend's options.
     *
     * @throws dev.junction.plugin.BackendException naming {@code options.<key>} when one is wrong
     */
    static OpenAiSettings parse(JsonObject options) {
        HttpOptions http = HttpOptions.parse(options, DEFAULT_BASE_URL, PLUGIN_KEYS);
        return new OpenAiSettings(
                http,
                flavor(options, http.baseUrl()),
                HttpOptions.string(options, "organization", null),
                HttpOptions.string(options, "project", null),
                api(options),
                HttpOptions.bool(options, "relay", true));
    }

    /**
     * The headers sent with every request: the bearer key, the organization and project, then
     * {@code options.headers} (which may override any of them).
     */
    Map<String, String> fixedHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        if (http.apiKey() != null) {
            headers.put("Authorization", "Bearer " + http.apiKey());
        }
        if (organization != null) {
            headers.put("OpenAI-Organization", organization);
        }
        if (project != null) {
            headers.put("OpenAI-Project", project);
        }
        return headers;
    }

    private static Flavor flavor(JsonObject options, String baseUrl) {
        String value = HttpOptions.string(options, "flavor", null);
        if (value == null) {
            return isOpenAiHost(baseUrl) ? Flavor.OPENAI : Flavor.COMPATIBLE;
        }
        return switch (value) {
            case "openai" -> Flavor.OPENAI;
            case "compatible" -> Flavor.COMPATIBLE;
            default -> throw HttpOptions.invalid("flavor", "must be \"openai\" or \"compatible\", not \"" + value + "\"");
        };
    }

    private static Api api(JsonObject options) {
        String value = HttpOptions.string(options, "api", "chat");
        return switch (value) {
            case "chat" -> Api.CHAT;
            case "responses" -> Api.RESPONSES;
            default -> throw HttpOptions.invalid("api", "must be \"chat\" or \"responses\", not \"" + value + "\"");
        };
    }

    /** Whether {@code baseUrl} is OpenAI's own API ({@code api.openai.com}). */
    static boolean isOpenAiHost(String baseUrl) {
        try {
            String host = URI.create(baseUrl).getHost();
            return host != null && host.equalsIgnoreCase("api.openai.com");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
