package dev.junction.gateway.dialect.openai;

import dev.junction.plugin.ResponseFormat;
import io.vertx.core.json.JsonObject;

/**
 * Decodes an output format of the OpenAI family: {@code {"type": "text"}} is free text (no format),
 * {@code {"type": "json_object"}} any JSON object, {@code {"type": "json_schema", ...}} JSON that
 * follows the schema, given by {@code name}, {@code schema} and {@code strict}: in a
 * {@code json_schema} object for Chat Completions' {@code response_format}, beside the type for the
 * Responses API's {@code text.format}. The schema's {@code description} has no canonical
 * counterpart and is dropped.
 */
public final class OpenAiResponseFormat {

    private static final String TYPES = "'text', 'json_object' and 'json_schema'";

    private OpenAiResponseFormat() {}

    /** Chat Completions' {@code response_format}, or {@code null} for free text (absent, null or {@code "text"}). */
    static ResponseFormat decode(JsonObject body) {
        JsonObject format = JsonFields.object(body, "response_format", "response_format");
        return format == null ? null : decode(format, "response_format", false);
    }

    /**
     * The format {@code format} found at {@code path} asks for, or {@code null} for free text.
     *
     * @param flat whether a JSON schema's fields stand beside its type (the Responses API) rather
     *     than in a {@code json_schema} object (Chat Completions)
     */
    public static ResponseFormat decode(JsonObject format, String path, boolean flat) {
        String type = JsonFields.requiredString(format, "type", path + ".type");
        return switch (type) {
            case "text" -> null;
            case "json_object" -> ResponseFormat.jsonObject();
            case "json_schema" -> flat
                    ? jsonSchema(format, path)
                    : jsonSchema(JsonFields.requiredObject(format, "json_schema", path + ".json_schema"), path + ".json_schema");
            default -> throw JsonFields.unsupportedValue(path + ".type", type, TYPES);
        };
    }

    private static ResponseFormat jsonSchema(JsonObject jsonSchema, String path) {
        String name = JsonFields.requiredString(jsonSchema, "name", path + ".name");
        JsonFields.string(jsonSchema, "description", path + ".description");
        JsonObject schema = JsonFields.object(jsonSchema, "schema", path + ".schema");
        Boolean strict = JsonFields.bool(jsonSchema, "strict", path + ".strict");
        // OpenAI makes the schema optional; without one, any JSON is accepted: the empty schema.
        return new ResponseFormat(
                ResponseFormat.Type.JSON_SCHEMA, name, schema == null ? new JsonObject() : schema.copy(), strict);
    }
}
