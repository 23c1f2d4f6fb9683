package dev.junction.gateway.dialect.openai;

import dev.junction.plugin.ResponseFormat;
import io.vertx.core.json.JsonObject;

/**
 * Decodes {@code response_format}: {@code {"type": "text"}} is free text (no format),
 * {@code {"type": "json_object"}} any JSON object, {@code {"type": "json_schema", "json_schema":
 * {"name", "schema", "strict"}}} JSON that follows the schema. The schema's {@code description}
 * has no canonical counterpart and is dropped.
 */
final class OpenAiResponseFormat {

    private static final String TYPES = "'text', 'json_object' and 'json_schema'";

    private OpenAiResponseFormat() {}

    /** The format asked for, or {@code null} for free text (absent, null or {@code "text"}). */
    static ResponseFormat decode(JsonObject body) {
        JsonObject format = JsonFields.object(body, "response_format", "response_format");
        if (format == null) {
            return null;
        }
        String type = JsonFields.requiredString(format, "type", "response_format.type");
        return switch (type) {
            case "text" -> null;
            case "json_object" -> ResponseFormat.jsonObject();
            case "json_schema" -> jsonSchema(format);
            default -> throw JsonFields.unsupportedValue("response_format.type", type, TYPES);
        };
    }

    private static ResponseFormat jsonSchema(JsonObject format) {
        String path = "response_format.json_schema";
        JsonObject jsonSchema = JsonFields.requiredObject(format, "json_schema", path);
        String name = JsonFields.requiredString(jsonSchema, "name", path + ".name");
        JsonFields.string(jsonSchema, "description", path + ".description");
        JsonObject schema = JsonFields.object(jsonSchema, "schema", path + ".schema");
        Boolean strict = JsonFields.bool(jsonSchema, "strict", path + ".strict");
        // OpenAI makes the schema optional; without one, any JSON is accepted: the empty schema.
        return new ResponseFormat(
                ResponseFormat.Type.JSON_SCHEMA, name, schema == null ? new JsonObject() : schema.copy(), strict);
    }
}
