package dev.junction.plugins.claude;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Lenient reads of the CLI's JSON: a field that is missing, null or of another type gives the fallback. */
final class Fields {

    private Fields() {}

    static JsonObject object(JsonObject json, String key) {
        return json.getValue(key) instanceof JsonObject object ? object : new JsonObject();
    }

    static JsonArray array(JsonObject json, String key) {
        return json.getValue(key) instanceof JsonArray array ? array : new JsonArray();
    }

    static String string(JsonObject json, String key, String fallback) {
        return json.getValue(key) instanceof String text ? text : fallback;
    }

    static Integer integer(JsonObject json, String key, Integer fallback) {
        return json.getValue(key) instanceof Number number ? Integer.valueOf(number.intValue()) : fallback;
    }

    static boolean isTrue(JsonObject json, String key) {
        return Boolean.TRUE.equals(json.getValue(key));
    }
}
