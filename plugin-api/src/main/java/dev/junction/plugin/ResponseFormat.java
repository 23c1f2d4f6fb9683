package dev.junction.plugin;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * The shape the answer must take.
 *
 * @param name the schema's name, for {@link Type#JSON_SCHEMA} (OpenAI requires one); may be {@code null}
 * @param schema the JSON Schema, for {@link Type#JSON_SCHEMA}; else {@code null}
 * @param strict whether the schema must be followed exactly; {@code null} for the provider's default
 *
 * @since 1.0.0
 */
public record ResponseFormat(Type type, String name, JsonObject schema, Boolean strict) {

    /** Any valid JSON object, or JSON that follows a schema. */
    public enum Type {
        JSON_OBJECT,
        JSON_SCHEMA
    }

    public ResponseFormat {
        Objects.requireNonNull(type, "type");
        if ((type == Type.JSON_SCHEMA) != (schema != null)) {
            throw new IllegalArgumentException("a schema goes with JSON_SCHEMA, and only with it");
        }
    }

    public static ResponseFormat jsonObject() {
        return new ResponseFormat(Type.JSON_OBJECT, null, null, null);
    }
}
