package dev.junction.gateway.dialect.openai;

import dev.junction.plugin.Tool;
import dev.junction.plugin.ToolChoice;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decodes {@code tools}, {@code tool_choice} and {@code parallel_tool_calls}. Fields of a tool's
 * {@code function} beyond {@code name}, {@code description} and {@code parameters} (such as
 * {@code strict}) go into the tool's {@code extra}, which the openai plugin writes back into
 * {@code function} for an OpenAI client.
 */
final class OpenAiToolDecoder {

    private static final Set<String> FUNCTION_FIELDS = Set.of("name", "description", "parameters");

    private OpenAiToolDecoder() {}

    static List<Tool> tools(JsonArray tools) {
        if (tools == null) {
            return List.of();
        }
        List<Tool> decoded = new ArrayList<>(tools.size());
        for (int i = 0; i < tools.size(); i++) {
            String path = "tools[" + i + "]";
            decoded.add(tool(JsonFields.element(tools, i, path), path));
        }
        return decoded;
    }

    /**
     * The tool choice, or {@code null} when neither {@code tool_choice} nor
     * {@code parallel_tool_calls} was given; {@code parallel_tool_calls} alone means automatic choice.
     */
    static ToolChoice toolChoice(JsonObject body) {
        Object choice = body.getValue("tool_choice");
        Boolean parallel = JsonFields.bool(body, "parallel_tool_calls", "parallel_tool_calls");
        if (choice == null) {
            return parallel == null ? null : new ToolChoice(ToolChoice.Mode.AUTO, null, parallel);
        }
        if (choice instanceof String mode) {
            return switch (mode) {
                case "auto" -> new ToolChoice(ToolChoice.Mode.AUTO, null, parallel);
                case "none" -> new ToolChoice(ToolChoice.Mode.NONE, null, parallel);
                case "required" -> new ToolChoice(ToolChoice.Mode.REQUIRED, null, parallel);
                default -> throw JsonFields.unsupportedValue("tool_choice", mode, "'auto', 'none' and 'required'");
            };
        }
        if (choice instanceof JsonObject named) {
            String name =
                    JsonFields.requiredString(function(named, "tool_choice"), "name", "tool_choice.function.name");
            return new ToolChoice(ToolChoice.Mode.NAMED, name, parallel);
        }
        throw JsonFields.wrongType("tool_choice", "a string or an object", choice);
    }

    private static Tool tool(JsonObject tool, String path) {
        JsonObject function = function(tool, path);
        return new Tool(
                JsonFields.requiredString(function, "name", path + ".function.name"),
                JsonFields.string(function, "description", path + ".function.description"),
                JsonFields.object(function, "parameters", path + ".function.parameters"),
                JsonFields.others(function, FUNCTION_FIELDS));
    }

    /** The {@code function} object of a {@code {"type": "function", "function": {...}}} value. */
    private static JsonObject function(JsonObject value, String path) {
        String type = JsonFields.requiredString(value, "type", path + ".type");
        if (!type.equals("function")) {
            throw JsonFields.unsupportedValue(path + ".type", type, "'function'");
        }
        return JsonFields.requiredObject(value, "function", path + ".function");
    }
}
