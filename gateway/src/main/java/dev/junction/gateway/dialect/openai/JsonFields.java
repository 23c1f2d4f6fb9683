package dev.junction.gateway.dialect.openai;

import dev.junction.gateway.dialect.InvalidRequestException;
import dev.junction.gateway.dialect.UserText;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * Typed reads of request fields, shared by the OpenAI family (Chat Completions, Responses). A
 * wrong type is rejected with the field's path and a message in OpenAI's wording; a JSON
 * {@code null} reads as an absent field.
 */
public final class JsonFields {

    private JsonFields() {}

    public static String requiredString(JsonObject object, String key, String path) {
        String value = string(object, key, path);
        if (value == null) {
            throw missing(path);
        }
        return value;
    }

    public static String string(JsonObject object, String key, String path) {
        Object value = object.getValue(key);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw wrongType(path, "a string", value);
    }

    public static JsonObject requiredObject(JsonObject object, String key, String path) {
        JsonObject value = object(object, key, path);
        if (value == null) {
            throw missing(path);
        }
        return value;
    }

    public static JsonObject object(JsonObject object, String key, String path) {
        Object value = object.getValue(key);
        if (value == null || value instanceof JsonObject) {
            return (JsonObject) value;
        }
        throw wrongType(path, "an object", value);
    }

    public static JsonArray array(JsonObject object, String key, String path) {
        Object value = object.getValue(key);
        if (value == null || value instanceof JsonArray) {
            return (JsonArray) value;
        }
        throw wrongType(path, "an array", value);
    }

    public static Boolean bool(JsonObject object, String key, String path) {
        Object value = object.getValue(key);
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        throw wrongType(path, "a boolean", value);
    }

    public static Double number(JsonObject object, String key, String path) {
        Object value = object.getValue(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        throw wrongType(path, "a number", value);
    }

    /** An integer; a number with a fraction is rejected, {@code 2.0} is accepted. */
    public static Long integer(JsonObject object, String key, String path) {
        Object value = object.getValue(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
            return number.longValue();
        }
        throw wrongType(path, "an integer", value);
    }

    public static Integer positiveInteger(JsonObject object, String key, String path) {
        Long value = integer(object, key, path);
        if (value == null) {
            return null;
        }
        if (value < 1 || value > Integer.MAX_VALUE) {
            throw new InvalidRequestException(
                    "Invalid '" + path + "': expected a positive integer, but got " + value + " instead.", path);
        }
        return value.intValue();
    }

    /** The element at {@code index}, which must be an object. */
    public static JsonObject element(JsonArray array, int index, String path) {
        Object value = array.getValue(index);
        if (value instanceof JsonObject object) {
            return object;
        }
        throw wrongType(path, "an object", value);
    }

    /**
     * A copy of the fields of {@code object} not named in {@code known}, values as they came (a JSON
     * {@code null} too): what a part carries that the gateway does not model.
     */
    public static JsonObject others(JsonObject object, Set<String> known) {
        JsonObject others = new JsonObject();
        for (String key : object.fieldNames()) {
            if (!known.contains(key)) {
                others.put(key, object.getValue(key));
            }
        }
        return others.isEmpty() ? others : others.copy(); // most parts have no others: skip the copy
    }

    public static InvalidRequestException missing(String path) {
        return new InvalidRequestException("Missing required parameter: '" + path + "'.", path);
    }

    public static InvalidRequestException wrongType(String path, String expected, Object actual) {
        return new InvalidRequestException(
                "Invalid type for '" + path + "': expected " + expected + ", but got " + describe(actual) + " instead.",
                path);
    }

    public static InvalidRequestException unsupportedValue(String path, Object actual, String supported) {
        return new InvalidRequestException(
                "Invalid value for '" + path + "': '" + UserText.shorten(actual) + "'. Supported values are: " + supported + ".", path);
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        } else if (value instanceof String) {
            return "a string";
        } else if (value instanceof Boolean) {
            return "a boolean";
        } else if (value instanceof Number number) {
            return number.doubleValue() == Math.rint(number.doubleValue()) ? "an integer" : "a decimal";
        } else if (value instanceof JsonArray) {
            return "an array";
        }
        return "an object";
    }
}
