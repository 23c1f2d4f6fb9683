package dev.junction.plugins.anthropic;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Lenient reads of the upstream's JSON: a field that is missing, null or of another type gives the fallback. */
final class Json {

    private Json() {}

    static JsonObject object(JsonObject json, String key) {
        return json.getValue(key) instanceof JsonObject object ? object : new JsonObject();
    }

    static JsonArray array(JsonObject json, String key) {
        return json.getValue(key) instanceof JsonArray array ? array : new JsonArray();
    }

    static String string(JsonObject json, String key) {
        return json.getValue(key) instanceof String text ? text : null;
    }

    static Integer integer(JsonObject json, String key) {
        return json.getValue(key) instanceof Number number ? Integer.valueOf(number.intValue()) : null;
    }

    static boolean isTrue(JsonObject json, String key) {
        return Boolean.TRUE.equals(json.getValue(key));
    }

    /** A JSON object parsed from {@code text}, or {@code null} when it is not one. */
    static JsonObject parseObject(String text) {
        try {
            Object value = io.vertx.core.json.Json.decodeValue(text);
            return value instanceof JsonObject object ? object : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
