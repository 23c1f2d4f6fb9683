package dev.junction.gateway.dialect.responses;

import dev.junction.gateway.dialect.InvalidRequestException;
import dev.junction.gateway.dialect.openai.JsonFields;
import dev.junction.plugin.ContentPart;
import dev.junction.plugin.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decodes {@code input}: a string (one user message) or an array of items.
 *
 * <ul>
 *   <li>{@code message} items (the {@code type} may be left out): {@code system} and
 *       {@code developer} ones before the first user or assistant turn are the system parts, later
 *       ones {@link Message.Role#SYSTEM} messages in place; a message's {@code id} and
 *       {@code status} are not kept.
 *   <li>{@code reasoning}, {@code function_call} and {@code custom_tool_call} items join the
 *       assistant turn they follow or start one ({@link ResponsesItems}).
 *   <li>{@code function_call_output} and {@code custom_tool_call_output} items become tool results
 *       of a user turn, consecutive ones (and a user message right after them) in one turn.
 *   <li>{@code additional_tools} items (Codex sends its tools so) are handed to
 *       {@link ResponsesToolDecoder}.
 *   <li>The records of built-in tool runs ({@code web_search_call}, ...) are left out: only the
 *       upstream that ran them could read them, and other backends get no built-in tools.
 *   <li>{@code item_reference} is refused: references are resolved by the response store before
 *       decoding, so one that is left names an item the gateway does not have.
 * </ul>
 */
final class ResponsesInputDecoder {

    /** The decoded input. */
    record Conversation(
            List<ContentPart> system, List<Message> messages, List<ResponsesToolDecoder.ItemTools> additionalTools) {}

    private static final String ITEM_TYPES = "'message', 'function_call', 'function_call_output', 'custom_tool_call',"
            + " 'custom_tool_call_output', 'reasoning', 'additional_tools' and 'item_reference'";

    /** Items that record a built-in tool's run, which only a Responses upstream can use. */
    private static final Set<String> BUILT_IN_RECORDS = Set.of(
            "web_search_call",
            "file_search_call",
            "computer_call",
            "computer_call_output",
            "code_interpreter_call",
            "image_generation_call",
            "local_shell_call",
            "local_shell_call_output",
            "shell_call",
            "shell_call_output",
            "apply_patch_call",
            "apply_patch_call_output",
            "mcp_list_tools",
            "mcp_approval_request",
            "mcp_approval_response",
            "mcp_call",
            "tool_search_call",
            "tool_search_output",
            "compaction");

    private enum Turn {
        NONE,
        USER,
        TOOL_RESULTS,
        ASSISTANT,
        SYSTEM
    }

    private final List<ContentPart> system = new ArrayList<>();
    private final List<Message> messages = new ArrayList<>();
    private final List<ResponsesToolDecoder.ItemTools> additionalTools = new ArrayList<>();
    private Turn last = Turn.NONE;

    private ResponsesInputDecoder() {}

    /**
     * @param continues whether the request continues a stored response ({@code
     *     previous_response_id}), in which case {@code input} may be absent or empty
     */
    static Conversation decode(Object input, boolean continues) {
        ResponsesInputDecoder decoder = new ResponsesInputDecoder();
        if (input instanceof String text) {
            decoder.messages.add(Message.text(Message.Role.USER, text));
        } else if (input instanceof JsonArray items) {
            for (int i = 0; i < items.size(); i++) {
                String path = "input[" + i + "]";
                decoder.add(JsonFields.element(items, i, path), path);
            }
        } else if (input != null) {
            throw JsonFields.wrongType("input", "a string or an array of input items", input);
        } else if (!continues) {
            throw JsonFields.missing("input");
        }
        if (decoder.messages.isEmpty() && !continues) {
            throw new InvalidRequestException(
                    "Invalid 'input': expected at least one message or tool output, but got none.", "input");
        }
        return new Conversation(decoder.system, decoder.messages, decoder.additionalTools);
    }

    private void add(JsonObject item, String path) {
        String type = JsonFields.string(item, "type", path + ".type");
        if (type == null && item.containsKey("role")) {
            type = "message";
        } else if (type == null) {
            throw JsonFields.missing(path + ".type");
        }
        switch (type) {
            case "message" -> message(item, path);
            case "reasoning" -> assistant(List.of(ResponsesItems.reasoning(item, path)));
            case "function_call" -> assistant(List.of(ResponsesItems.functionCall(item, path)));
            case "custom_tool_call" -> assistant(List.of(ResponsesItems.customToolCall(item, path)));
            case "function_call_output", "custom_tool_call_output" -> toolResult(ResponsesItems.toolOutput(item, path));
            case "additional_tools" -> additionalTools.add(new ResponsesToolDecoder.ItemTools(item, path));
            case "item_reference" -> throw new InvalidRequestException(
                    "Invalid '" + path + ".id': the referenced item was not found; item references can only name"
                            + " items of stored responses.",
                    path + ".id");
            default -> {
                if (!BUILT_IN_RECORDS.contains(type)) {
                    throw JsonFields.unsupportedValue(path + ".type", type, ITEM_TYPES);
                }
            }
        }
    }

    private void message(JsonObject item, String path) {
        String role = JsonFields.requiredString(item, "role", path + ".role");
        switch (role) {
            case "user" -> user(ResponsesContent.decode(item, path, ResponsesContent.Allowed.USER));
            case "assistant" -> assistant(ResponsesContent.decode(item, path, ResponsesContent.Allowed.ASSISTANT));
            case "system", "developer" -> instruction(ResponsesContent.decode(item, path, ResponsesContent.Allowed.INSTRUCTION));
            default -> throw JsonFields.unsupportedValue(
                    path + ".role", role, "'user', 'assistant', 'system' and 'developer'");
        }
    }

    private void instruction(List<ContentPart> content) {
        if (messages.isEmpty()) {
            system.addAll(content);
        } else if (!content.isEmpty()) {
            messages.add(new Message(Message.Role.SYSTEM, content));
            last = Turn.SYSTEM;
        }
    }

    private void user(List<ContentPart> content) {
        if (last == Turn.TOOL_RESULTS) {
            appendToLast(content);
        } else {
            messages.add(new Message(Message.Role.USER, content));
        }
        last = Turn.USER;
    }

    private void toolResult(ContentPart.ToolResult result) {
        if (last == Turn.TOOL_RESULTS) {
            appendToLast(List.of(result));
        } else {
            messages.add(new Message(Message.Role.USER, List.of(result)));
        }
        last = Turn.TOOL_RESULTS;
    }

    /** Parts of the assistant's turn: consecutive assistant items make one message. */
    private void assistant(List<ContentPart> content) {
        if (last == Turn.ASSISTANT) {
            appendToLast(content);
        } else {
            messages.add(new Message(
                    Message.Role.ASSISTANT, content.isEmpty() ? List.of(new ContentPart.Text("")) : content));
        }
        last = Turn.ASSISTANT;
    }

    /** Adds {@code content} to the last message, replacing the empty text of an assistant message that had none. */
    private void appendToLast(List<ContentPart> content) {
        Message previous = messages.remove(messages.size() - 1);
        List<ContentPart> merged = new ArrayList<>(previous.content());
        if (!content.isEmpty() && merged.equals(List.of(new ContentPart.Text("")))) {
            merged.clear();
        }
        merged.addAll(content);
        messages.add(new Message(previous.role(), merged));
    }
}
