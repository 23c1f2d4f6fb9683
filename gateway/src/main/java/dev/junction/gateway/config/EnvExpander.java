package dev.junction.gateway.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Expands {@code ${NAME}} and {@code ${NAME:-default}} in every string value of a configuration
 * tree, recursively through objects and arrays. Keys are left alone. As in the shell, the default
 * applies when the variable is unset or empty. Problems (an unset variable without default, a
 * malformed reference) are collected with their JSON path rather than thrown. Pure; one instance
 * per expansion.
 */
final class EnvExpander {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Map<String, String> env;
    private final List<String> errors = new ArrayList<>();

    EnvExpander(Map<String, String> env) {
        this.env = Objects.requireNonNull(env, "env");
    }

    /** A new tree with every string expanded; plain YAML maps and lists become JSON types. */
    JsonObject expand(JsonObject root) {
        return expandObject(root.getMap(), "");
    }

    /** The problems found so far, each as {@code "path: message"}. */
    List<String> errors() {
        return List.copyOf(errors);
    }

    private Object expand(Object value, String path) {
        if (value instanceof JsonObject object) {
            return expandObject(object.getMap(), path);
        }
        if (value instanceof Map<?, ?> map) {
            return expandObject(map, path);
        }
        if (value instanceof JsonArray array) {
            return expandArray(array.getList(), path);
        }
        if (value instanceof List<?> list) {
            return expandArray(list, path);
        }
        if (value instanceof String text) {
            return expandString(text, path);
        }
        return value;
    }

    private JsonObject expandObject(Map<?, ?> map, String path) {
        JsonObject result = new JsonObject();
        map.forEach((key, value) -> {
            String name = String.valueOf(key);
            result.put(name, expand(value, ConfigPaths.child(path, name)));
        });
        return result;
    }

    private JsonArray expandArray(List<?> list, String path) {
        JsonArray result = new JsonArray();
        for (int i = 0; i < list.size(); i++) {
            result.add(expand(list.get(i), ConfigPaths.index(path, i)));
        }
        return result;
    }

    private String expandString(String text, String path) {
        StringBuilder out = new StringBuilder();
        int from = 0;
        int start;
        while ((start = text.indexOf("${", from)) >= 0) {
            out.append(text, from, start);
            int end = text.indexOf('}', start);
            if (end < 0) {
                errors.add(path + ": unterminated variable reference '" + text.substring(start) + "'");
                return text;
            }
            out.append(resolve(text.substring(start + 2, end), path));
            from = end + 1;
        }
        return out.append(text.substring(from)).toString();
    }

    private String resolve(String reference, String path) {
        int separator = reference.indexOf(":-");
        String name = separator < 0 ? reference : reference.substring(0, separator);
        if (!NAME.matcher(name).matches()) {
            errors.add(path + ": invalid variable reference '${" + reference + "}'");
            return "";
        }
        String value = env.get(name);
        if (separator >= 0) {
            return value == null || value.isEmpty() ? reference.substring(separator + 2) : value;
        }
        if (value == null) {
            errors.add(path + ": environment variable " + name + " is not set (use ${" + name
                    + ":-default} for a default)");
            return "";
        }
        return value;
    }
}
