package dev.junction.gateway.dialect.anthropic;

import static dev.junction.gateway.dialect.anthropic.JsonFields.at;
import static dev.junction.gateway.dialect.anthropic.JsonFields.invalid;
import static dev.junction.gateway.dialect.anthropic.JsonFields.object;
import static dev.junction.gateway.dialect.anthropic.JsonFields.requiredObject;
import static dev.junction.gateway.dialect.anthropic.JsonFields.requiredString;

import dev.junction.plugin.ResponseFormat;
import io.vertx.core.json.JsonObject;

/**
 * Structured outputs: {@code output_config.format} (the API's current field) or {@code output_format}
 * (its earlier beta form), each {@code {"type": "json_schema", "schema": {...}}}, becomes a
 * {@link ResponseFormat}. The rest of {@code output_config} ({@code effort}) stays in the request's
 * extra fields, for a backend that speaks the Messages API.
 */
final class AnthropicOutputFormat {

    /** The decoded format and what remains of {@code output_config} without it. */
    record Decoded(ResponseFormat format, JsonObject outputConfigRest) {}

    private AnthropicOutputFormat() {}

    static Decoded decode(JsonObject body) {
        ResponseFormat beta = body.getValue("output_format") == null
                ? null
                : format(object(body.getValue("output_format"), "output_format"), "output_format");
        Object configValue = body.getValue("output_config");
        if (configValue == null) {
            return new Decoded(beta, null);
        }
        JsonObject config = object(configValue, "output_config").copy();
        Object formatValue = config.remove("format");
        ResponseFormat format = formatValue == null
                ? null
                : format(object(formatValue, "output_config.format"), "output_config.format");
        if (format != null && beta != null) {
            throw invalid("output_format", "give either output_format or output_config.format, not both");
        }
        return new Decoded(format != null ? format : beta, config.isEmpty() ? null : config);
    }

    private static ResponseFormat format(JsonObject format, String path) {
        String type = requiredString(format, "type", at(path, "type"));
        if (!type.equals("json_schema")) {
            throw invalid(at(path, "type"), "must be \"json_schema\"");
        }
        JsonObject schema = requiredObject(format, "schema", at(path, "schema"));
        return new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, null, schema.copy(), null);
    }
}
