package dev.junction.gateway.dialect.responses;

import dev.junction.gateway.dialect.openai.JsonFields;
import dev.junction.plugin.ContentPart;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * Decodes the input items other than messages. Each keeps in its part's {@code extra} what a
 * Responses upstream needs to rebuild the item as it came: its {@code type}, {@code id},
 * {@code status} and any field the gateway does not model.
 *
 * <ul>
 *   <li>{@code function_call}: a tool call with the item's {@code call_id}, {@code name} and
 *       {@code arguments}; a {@code namespace} makes the name {@code <namespace>__<name>}, as the
 *       namespace's tools are named for other backends ({@link ResponsesToolNames}).
 *   <li>{@code custom_tool_call} (a freeform tool such as Codex's {@code apply_patch}): a tool call
 *       whose arguments are {@code {"input": "<the item's input>"}}, the schema custom tools get.
 *   <li>{@code function_call_output}, {@code custom_tool_call_output}: a tool result whose content
 *       is the output (a string, or input parts).
 *   <li>{@code reasoning}: thinking whose text is the summary texts (else the reasoning texts)
 *       joined by blank lines, and whose signature is {@code encrypted_content}; the summary parts
 *       themselves stay in extra.
 * </ul>
 */
final class ResponsesItems {

    private static final Set<String> FUNCTION_CALL_FIELDS = Set.of("call_id", "name", "arguments");
    private static final Set<String> CUSTOM_CALL_FIELDS = Set.of("call_id", "name", "input");
    private static final Set<String> OUTPUT_FIELDS = Set.of("call_id", "output");
    private static final Set<String> REASONING_FIELDS = Set.of("encrypted_content");

    private ResponsesItems() {}

    static ContentPart.ToolCall functionCall(JsonObject item, String path) {
        String callId = JsonFields.requiredString(item, "call_id", path + ".call_id");
        String name = JsonFields.requiredString(item, "name", path + ".name");
        String arguments = JsonFields.requiredString(item, "arguments", path + ".arguments");
        return new ContentPart.ToolCall(
                callId, ResponsesToolNames.flat(namespace(item, path), name), arguments, known(item, path, FUNCTION_CALL_FIELDS));
    }

    static ContentPart.ToolCall customToolCall(JsonObject item, String path) {
        String callId = JsonFields.requiredString(item, "call_id", path + ".call_id");
        String name = JsonFields.requiredString(item, "name", path + ".name");
        String input = JsonFields.requiredString(item, "input", path + ".input");
        return new ContentPart.ToolCall(
                callId,
                ResponsesToolNames.flat(namespace(item, path), name),
                ResponsesToolNames.customArguments(input),
                known(item, path, CUSTOM_CALL_FIELDS));
    }

    static ContentPart.ToolResult toolOutput(JsonObject item, String path) {
        String callId = JsonFields.requiredString(item, "call_id", path + ".call_id");
        return new ContentPart.ToolResult(
                callId,
                ResponsesContent.decode(item.getValue("output"), path + ".output", ResponsesContent.Allowed.TOOL_OUTPUT),
                false,
                known(item, path, OUTPUT_FIELDS));
    }

    static ContentPart.Thinking reasoning(JsonObject item, String path) {
        String encrypted = JsonFields.string(item, "encrypted_content", path + ".encrypted_content");
        String text = texts(JsonFields.array(item, "summary", path + ".summary"), path + ".summary", "summary_text");
        if (text.isEmpty()) {
            text = texts(JsonFields.array(item, "content", path + ".content"), path + ".content", "reasoning_text");
        }
        return new ContentPart.Thinking(text, encrypted, known(item, path, REASONING_FIELDS));
    }

    /** The texts of the parts of {@code type} in {@code parts}, joined by blank lines. */
    private static String texts(JsonArray parts, String path, String type) {
        if (parts == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            String partPath = path + "[" + i + "]";
            JsonObject part = JsonFields.element(parts, i, partPath);
            String partType = JsonFields.requiredString(part, "type", partPath + ".type");
            if (!partType.equals(type)) {
                throw JsonFields.unsupportedValue(partPath + ".type", partType, "'" + type + "'");
            }
            if (!text.isEmpty()) {
                text.append("\n\n");
            }
            text.append(JsonFields.requiredString(part, "text", partPath + ".text"));
        }
        return text.toString();
    }

    private static String namespace(JsonObject item, String path) {
        return JsonFields.string(item, "namespace", path + ".namespace");
    }

    /** The item's fields beside {@code modelled}, after checking the types of {@code id} and {@code status}. */
    private static JsonObject known(JsonObject item, String path, Set<String> modelled) {
        JsonFields.string(item, "id", path + ".id");
        JsonFields.string(item, "status", path + ".status");
        return JsonFields.others(item, modelled);
    }
}
