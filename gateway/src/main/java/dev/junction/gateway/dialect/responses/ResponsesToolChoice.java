package dev.junction.gateway.dialect.responses;

import dev.junction.gateway.dialect.openai.JsonFields;
import dev.junction.plugin.ToolChoice;
import io.vertx.core.json.JsonObject;

/**
 * Decodes {@code tool_choice} and {@code parallel_tool_calls}: {@code auto}, {@code none},
 * {@code required}, a {@code function} or {@code custom} tool by name, and {@code allowed_tools}
 * (its {@code mode}; the list of allowed tools only a Responses upstream applies). A choice that
 * forces a built-in tool ({@code {"type": "web_search"}}, {@code mcp}, ...) has no canonical form: it
 * is kept raw, and {@link ResponsesBuiltInTools#requireNotForced} refuses it for other backends.
 *
 * @param canonical the canonical choice, or {@code null} for the backend's default
 * @param raw the client's choice when the canonical one does not say it all, else {@code null}
 */
record ResponsesToolChoice(ToolChoice canonical, JsonObject raw) {

    private static final String MODES = "'auto', 'none' and 'required'";

    static ResponsesToolChoice decode(JsonObject body) {
        Object choice = body.getValue("tool_choice");
        Boolean parallel = JsonFields.bool(body, "parallel_tool_calls", "parallel_tool_calls");
        if (choice == null) {
            return new ResponsesToolChoice(parallel == null ? null : new ToolChoice(ToolChoice.Mode.AUTO, null, parallel), null);
        }
        if (choice instanceof String mode) {
            return new ResponsesToolChoice(new ToolChoice(mode(mode, "tool_choice"), null, parallel), null);
        }
        if (!(choice instanceof JsonObject object)) {
            throw JsonFields.wrongType("tool_choice", "a string or an object", choice);
        }
        String type = JsonFields.requiredString(object, "type", "tool_choice.type");
        return switch (type) {
            case "function", "custom" -> {
                String name = JsonFields.requiredString(object, "name", "tool_choice.name");
                yield new ResponsesToolChoice(new ToolChoice(ToolChoice.Mode.NAMED, name, parallel), null);
            }
            case "allowed_tools" -> {
                String mode = JsonFields.requiredString(object, "mode", "tool_choice.mode");
                ToolChoice.Mode canonical = mode(mode, "tool_choice.mode");
                if (canonical == ToolChoice.Mode.NONE) {
                    throw JsonFields.unsupportedValue("tool_choice.mode", mode, "'auto' and 'required'");
                }
                JsonFields.array(object, "tools", "tool_choice.tools");
                yield new ResponsesToolChoice(new ToolChoice(canonical, null, parallel), object);
            }
            default -> new ResponsesToolChoice(parallel == null ? null : new ToolChoice(ToolChoice.Mode.AUTO, null, parallel), object);
        };
    }

    private static ToolChoice.Mode mode(String mode, String path) {
        return switch (mode) {
            case "auto" -> ToolChoice.Mode.AUTO;
            case "none" -> ToolChoice.Mode.NONE;
            case "required" -> ToolChoice.Mode.REQUIRED;
            default -> throw JsonFields.unsupportedValue(path, mode, MODES);
        };
    }
}
