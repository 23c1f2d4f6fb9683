package dev.junction.plugins.openai;

import dev.junction.plugin.ChatRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a client of the upstream's own dialect sent that the gateway does not understand, put back
 * into the body and headers that go upstream. A field the plugin wrote is never replaced. Pure.
 */
final class Extras {

    private Extras() {}

    /** Copies into {@code json} the fields of {@code extra} it lacks; a field already there stays. */
    static void carry(JsonObject extra, JsonObject json) {
        extra.forEach(field -> {
            if (!json.containsKey(field.getKey())) {
                json.put(field.getKey(), copy(field.getValue()));
            }
        });
    }

    /** {@code json}, with {@link #carry} of {@code extra} when the client spoke the upstream's dialect. */
    static JsonObject carryIf(boolean sameDialect, JsonObject extra, JsonObject json) {
        if (sameDialect) {
            carry(extra, json);
        }
        return json;
    }

    /**
     * As {@link #carry}, but a field that is an object on both sides is merged the same way, so
     * that {@code reasoning: {summary}} joins the {@code reasoning: {effort}} the plugin wrote.
     */
    static void merge(JsonObject extra, JsonObject json) {
        extra.forEach(field -> {
            Object mine = json.getValue(field.getKey());
            if (mine instanceof JsonObject object && field.getValue() instanceof JsonObject theirs) {
                merge(theirs, object);
            } else if (!json.containsKey(field.getKey())) {
                json.put(field.getKey(), copy(field.getValue()));
            }
        });
    }

    /**
     * The headers a client of {@code dialect} sent for the provider, except {@code authorization}:
     * the gateway's own key is never the upstream's. Empty for other dialects.
     */
    static Map<String, String> headers(ChatRequest request, String dialect) {
        return dialect.equals(request.dialect()) ? headers(request.headers()) : new LinkedHashMap<>();
    }

    /** The provider headers {@code sent} by a same-dialect client, except {@code authorization}. */
    static Map<String, String> headers(Map<String, String> sent) {
        Map<String, String> headers = new LinkedHashMap<>();
        sent.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("authorization")) {
                headers.put(name, value);
            }
        });
        return headers;
    }

    static Object copy(Object value) {
        if (value instanceof JsonObject object) {
            return object.copy();
        }
        if (value instanceof JsonArray array) {
            return array.copy();
        }
        return value;
    }
}
