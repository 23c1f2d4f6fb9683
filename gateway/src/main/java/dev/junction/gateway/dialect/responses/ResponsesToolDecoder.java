package dev.junction.gateway.dialect.responses;

import dev.junction.gateway.dialect.openai.JsonFields;
import dev.junction.plugin.Tool;
import dev.junction.plugin.ToolChoice;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decodes {@code tools}, the tools of Codex's {@code additional_tools} input items,
 * {@code tool_choice} and {@code parallel_tool_calls}.
 *
 * <p>Every tool a backend can call becomes a canonical {@link Tool}: {@code function} tools (fields
 * beyond name, description and parameters, such as {@code strict}, in its extra), {@code custom}
 * tools (one string argument {@code input}; {@code "type": "custom"} and the {@code format} in
 * extra, and a grammar's definition in the argument's description), and the function and custom
 * tools of a {@code namespace} ({@link ResponsesToolNames}; {@code "namespace"} in extra). A tool
 * from an {@code additional_tools} item has {@code "additional_tools": true} in its extra.
 *
 * <p>What only a Responses upstream can use is kept as sent, in the request's extra:
 * {@code tools} holds the top-level tools that are neither {@code function} nor {@code custom}
 * (built-in tools such as {@code web_search}, and namespaces), {@code additional_tools} the
 * {@code additional_tools} items, {@code tool_choice} a choice the canonical model cannot express
 * ({@code allowed_tools}, or one forcing a built-in tool). {@link ResponsesBuiltInTools} reads them.
 */
final class ResponsesToolDecoder {

    /** An {@code additional_tools} input item and its path. */
    record ItemTools(JsonObject item, String path) {}

    /** The decoded tools, and what {@link #carryInto} keeps for a Responses upstream. */
    record Tools(List<Tool> callable, ToolChoice choice, JsonArray kept, JsonArray items, JsonObject rawChoice) {

        void carryInto(JsonObject extra) {
            if (!kept.isEmpty()) {
                extra.put("tools", kept);
            }
            if (!items.isEmpty()) {
                extra.put("additional_tools", items);
            }
            if (rawChoice != null) {
                extra.put("tool_choice", rawChoice);
            }
        }
    }

    private static final Set<String> FUNCTION_FIELDS = Set.of("type", "name", "description", "parameters");
    private static final Set<String> CUSTOM_FIELDS = Set.of("name", "description");

    private final List<Tool> callable = new ArrayList<>();

    private ResponsesToolDecoder() {}

    static Tools decode(JsonObject body, List<ItemTools> items) {
        ResponsesToolDecoder decoder = new ResponsesToolDecoder();
        JsonArray kept = new JsonArray();
        JsonArray tools = JsonFields.array(body, "tools", "tools");
        if (tools != null) {
            for (int i = 0; i < tools.size(); i++) {
                String path = "tools[" + i + "]";
                JsonObject tool = JsonFields.element(tools, i, path);
                if (!decoder.add(tool, path, null, false)) {
                    kept.add(tool);
                }
            }
        }
        JsonArray rawItems = new JsonArray();
        for (ItemTools item : items) {
            JsonArray itemTools = JsonFields.array(item.item(), "tools", item.path() + ".tools");
            for (int i = 0; itemTools != null && i < itemTools.size(); i++) {
                String path = item.path() + ".tools[" + i + "]";
                decoder.add(JsonFields.element(itemTools, i, path), path, null, true);
            }
            rawItems.add(item.item());
        }
        ResponsesToolChoice choice = ResponsesToolChoice.decode(body);
        return new Tools(decoder.callable, choice.canonical(), kept, rawItems, choice.raw());
    }

    /** Adds what of {@code tool} a backend can call; whether it was a function or custom tool. */
    private boolean add(JsonObject tool, String path, String namespace, boolean fromItem) {
        String type = JsonFields.requiredString(tool, "type", path + ".type");
        switch (type) {
            case "function" -> callable.add(function(tool, path, namespace, fromItem));
            case "custom" -> callable.add(custom(tool, path, namespace, fromItem));
            case "namespace" -> {
                String name = JsonFields.requiredString(tool, "name", path + ".name");
                JsonArray members = JsonFields.array(tool, "tools", path + ".tools");
                if (members == null) {
                    throw JsonFields.missing(path + ".tools");
                }
                for (int i = 0; i < members.size(); i++) {
                    String memberPath = path + ".tools[" + i + "]";
                    add(JsonFields.element(members, i, memberPath), memberPath, name, fromItem);
                }
                return false;
            }
            default -> {
                return false; // a built-in tool: kept for a Responses upstream
            }
        }
        return true;
    }

    private static Tool function(JsonObject tool, String path, String namespace, boolean fromItem) {
        String name = JsonFields.requiredString(tool, "name", path + ".name");
        String description = JsonFields.string(tool, "description", path + ".description");
        JsonObject parameters = JsonFields.object(tool, "parameters", path + ".parameters");
        JsonFields.bool(tool, "strict", path + ".strict");
        JsonObject extra = marked(JsonFields.others(tool, FUNCTION_FIELDS), namespace, fromItem);
        return new Tool(ResponsesToolNames.flat(namespace, name), description, parameters, extra);
    }

    private static Tool custom(JsonObject tool, String path, String namespace, boolean fromItem) {
        String name = JsonFields.requiredString(tool, "name", path + ".name");
        String description = JsonFields.string(tool, "description", path + ".description");
        JsonObject format = JsonFields.object(tool, "format", path + ".format");
        String input = "The tool's input, as free text.";
        if (format != null && "grammar".equals(format.getValue("type"))) {
            input = "The tool's input, which must follow this " + format.getValue("syntax") + " grammar:\n"
                    + format.getValue("definition");
        }
        JsonObject schema = new JsonObject()
                .put("type", "object")
                .put("properties", new JsonObject().put("input", new JsonObject().put("type", "string").put("description", input)))
                .put("required", new JsonArray().add("input"))
                .put("additionalProperties", false);
        JsonObject extra = marked(JsonFields.others(tool, CUSTOM_FIELDS), namespace, fromItem);
        return new Tool(ResponsesToolNames.flat(namespace, name), description, schema, extra);
    }

    private static JsonObject marked(JsonObject extra, String namespace, boolean fromItem) {
        if (namespace != null) {
            extra.put("namespace", namespace);
        }
        if (fromItem) {
            extra.put("additional_tools", true);
        }
        return extra;
    }
}
