package dev.junction.gateway.dialect.anthropic;

import dev.junction.gateway.dialect.InvalidRequestException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.util.Set;

/**
 * Typed reads of request fields that fail with the field's path, in the Anthropic style: the path
 * joins keys and array indexes with dots ({@code messages.1.content.0.type}) and the message
 * starts with it. A JSON {@code null} counts as absent.
 */
final class JsonFields {

    private JsonFields() {}

    static String at(String parent, Object child) {
        return parent + "." + child;
    }

    static InvalidRequestException invalid(String path, String problem) {
        return new InvalidRequestException(path + ": " + problem, path);
    }

    static Object required(JsonObject object, String key, String path) {
        Object value = object.getValue(key);
        if (value == null) {
            throw invalid(path, "Field required");
        }
        return value;
    }

    static String string(Object value, String path) {
        if (value instanceof String text) {
            return text;
        }
        throw invalid(path, "must be a string");
    }

    static String requiredString(JsonObject object, String key, String path) {
        return string(required(object, key, path), path);
    }

    static String optionalString(JsonObject object, String key, String path) {
        Object value = object.getValue(key);
        return value == null ? null : string(value, path);
    }

    static JsonObject object(Object value, String path) {
        if (value instanceof JsonObject json) {
            return json;
        }
        throw invalid(path, "must be an object");
    }

    static JsonObject requiredObject(JsonObject object, String key, String path) {
        return object(required(object, key, path), path);
    }

    static JsonArray array(Object value, String path) {
        if (value instanceof JsonArray json) {
            return json;
        }
        throw invalid(path, "must be an array");
    }

    static Double optionalNumber(JsonObject object, String key, String path) {
        Object value = object.getValue(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        throw invalid(path, "must be a number");
    }

    static Integer optionalInteger(JsonObject object, String key, String path) {
        Object value = object.getValue(key);
        if (value == null) {
            return null;
        }
        if (value instanceof BigInteger) {
            throw invalid(path, "is out of range");
        }
        if (!(value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte)) {
            throw invalid(path, "must be an integer");
        }
        long number = ((Number) value).longValue();
        if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
            throw invalid(path, "is out of range");
        }
        return (int) number;
    }

    static int requiredInteger(JsonObject object, String key, String path) {
        required(object, key, path);
        return optionalInteger(object, key, path);
    }

    /**
     * A copy of the fields of {@code object} not named in {@code known}, values as they came (a JSON
     * {@code null} too): what a block carries that the gateway does not model.
     */
    static JsonObject others(JsonObject object, Set<String> known) {
        JsonObject others = new JsonObject();
        for (String key : object.fieldNames()) {
            if (!known.contains(key)) {
                others.put(key, object.getValue(key));
            }
        }
        return others.isEmpty() ? others : others.copy(); // most parts have no others: skip the copy
    }

    static Boolean optionalBoolean(JsonObject object, String key, String path) {
        Object value = object.getValue(key);
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        throw invalid(path, "must be a boolean");
    }
}
