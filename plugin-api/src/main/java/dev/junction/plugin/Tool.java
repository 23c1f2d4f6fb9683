package dev.junction.plugin;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * A tool the model may call.
 *
 * @param description what the tool does, or {@code null}
 * @param inputSchema the JSON Schema of the tool's arguments
 * @param extra fields of this tool definition the gateway does not understand, as the client sent
 *     them (Anthropic's {@code cache_control}, OpenAI's {@code strict}); forwarded only to an
 *     upstream of the same dialect ({@link ChatRequest#dialect()}); an empty object when none
 *
 * @since 1.0.0
 */
public record Tool(String name, String description, JsonObject inputSchema, JsonObject extra) {
    public Tool {
        Objects.requireNonNull(name, "name");
        inputSchema = inputSchema == null ? new JsonObject().put("type", "object") : inputSchema;
        extra = extra == null ? new JsonObject() : extra;
    }

    /** A tool with nothing beyond its name, description and schema. */
    public Tool(String name, String description, JsonObject inputSchema) {
        this(name, description, inputSchema, null);
    }
}
