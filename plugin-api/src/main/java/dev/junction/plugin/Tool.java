package dev.junction.plugin;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * A tool the model may call.
 *
 * @param description what the tool does, or {@code null}
 * @param inputSchema the JSON Schema of the tool's arguments
 */
public record Tool(String name, String description, JsonObject inputSchema) {
    public Tool {
        Objects.requireNonNull(name, "name");
        inputSchema = inputSchema == null ? new JsonObject().put("type", "object") : inputSchema;
    }
}
