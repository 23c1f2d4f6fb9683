package dev.junction.plugins.codex;

import dev.junction.cli.CliOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * Renders a JSON value from the options as the TOML value of a {@code -c key=value} override:
 * strings quoted, objects as inline tables, arrays as arrays. TOML has no null, so a null fails.
 */
final class Toml {

    private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    private Toml() {}

    /** Whether {@code key} needs no quotes in TOML. */
    static boolean isBareKey(String key) {
        return BARE_KEY.matcher(key).matches();
    }

    /**
     * The TOML text of {@code value}.
     *
     * @param path the option's path for the error, such as {@code config.model_providers.local}
     * @throws dev.junction.plugin.BackendException naming {@code options.<path>} for a null or a
     *     value JSON cannot hold
     */
    static String render(Object value, String path) {
        if (value instanceof String text) {
            return quote(text);
        }
        if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            return value.toString();
        }
        if (value instanceof Number number && Double.isFinite(number.doubleValue())) {
            return number.toString();
        }
        if (value instanceof JsonObject object) {
            StringJoiner table = new StringJoiner(", ", "{", "}");
            for (String key : object.fieldNames()) {
                String name = isBareKey(key) ? key : quote(key);
                table.add(name + " = " + render(object.getValue(key), path + "." + key));
            }
            return table.toString();
        }
        if (value instanceof JsonArray array) {
            StringJoiner list = new StringJoiner(", ", "[", "]");
            for (int i = 0; i < array.size(); i++) {
                list.add(render(array.getValue(i), path + "[" + i + "]"));
            }
            return list.toString();
        }
        throw CliOptions.invalid(path, "must be a string, number, boolean, list or map (TOML has no null)");
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
