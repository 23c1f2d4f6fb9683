package dev.junction.gateway.config;

import static dev.junction.gateway.config.ConfigPaths.child;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;

/** Checks every section's validator makes the same way, each problem added as {@code "path: message"}. Pure. */
final class ConfigChecks {

    private ConfigChecks() {}

    /** Adds to {@code errors} each key of {@code object} (at {@code path}) that is not {@code allowed}. */
    static void unknownKeys(JsonObject object, String path, Set<String> allowed, List<String> errors) {
        for (String key : object.fieldNames()) {
            if (!allowed.contains(key)) {
                errors.add(child(path, key) + ": unknown key");
            }
        }
    }

    /**
     * The object {@code value} is, its keys outside {@code allowed} reported to {@code errors}; null
     * when absent, or (reported) not an object.
     */
    static JsonObject objectOf(Object value, String path, Set<String> allowed, List<String> errors) {
        if (value != null && !(value instanceof JsonObject)) {
            errors.add(path + ": must be an object");
            return null;
        }
        if (value != null) {
            unknownKeys((JsonObject) value, path, allowed, errors);
        }
        return (JsonObject) value;
    }
}
