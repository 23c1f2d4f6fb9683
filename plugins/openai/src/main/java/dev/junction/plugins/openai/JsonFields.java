package dev.junction.plugins.openai;

import dev.junction.plugin.BackendException;
import dev.junction.plugin.ErrorKind;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/** Reads the fields of an upstream's JSON leniently: a missing or mistyped field is {@code null} or 0. */
final class JsonFields {

    private JsonFields() {}

    /**
     * The object in one event's {@code data}.
     *
     * @throws BackendException with {@link ErrorKind#UPSTREAM} when it is not a JSON object
     */
    static JsonObject parse(String data) {
        try {
            return new JsonObject(data);
        } catch (DecodeException | ClassCastException e) {
            String start = data.length() > 80 ? data.substring(0, 80) + "…" : data;
            throw new BackendException(
                    ErrorKind.UPSTREAM, "the upstream sent a chunk that is not a JSON object: " + start);
        }
    }

    static String string(JsonObject object, String key) {
        return object.getValue(key) instanceof String text ? text : null;
    }

    /** The string at {@code key}, or {@code null} when it is missing or empty. */
    static String nonEmpty(JsonObject object, String key) {
        String text = string(object, key);
        return text == null || text.isEmpty() ? null : text;
    }

    static int integer(JsonObject object, String key) {
        return object.getValue(key) instanceof Number number ? number.intValue() : 0;
    }

    /** The object at {@code key}, or an empty one. */
    static JsonObject object(JsonObject object, String key) {
        return object.getValue(key) instanceof JsonObject inner ? inner : new JsonObject();
    }
}
