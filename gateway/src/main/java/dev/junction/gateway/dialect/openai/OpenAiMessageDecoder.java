package dev.junction.gateway.dialect.openai;

import dev.junction.gateway.dialect.InvalidRequestException;
import dev.junction.plugin.ContentPart;
import dev.junction.plugin.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decodes a Chat Completions {@code messages} array. System and developer messages before the first
 * user, assistant or tool message become the system parts, later ones {@link Message.Role#SYSTEM}
 * messages in place; tool messages become tool results of a user turn, consecutive ones (and a user
 * message right after them) merged into that one turn. Fields of a text part beyond {@code type} and
 * {@code text} (such as {@code cache_control}, which OpenAI-compatible routers read) go into the
 * part's {@code extra}; so do those of an {@code image_url} object beyond {@code url}.
 */
final class OpenAiMessageDecoder {

    /** The decoded conversation. */
    record Conversation(List<ContentPart> system, List<Message> messages) {}

    /** The fields of a text part; the others go into the part's {@code extra}. */
    private static final Set<String> TEXT_FIELDS = Set.of("type", "text");

    private static final String ROLES = "'system', 'developer', 'user', 'assistant' and 'tool'";

    /** The part types a role's content may hold. */
    private enum PartTypes {
        TEXT("'text'"),
        USER("'text' and 'image_url'"),
        ASSISTANT("'text' and 'refusal'");

        final String supported;

        PartTypes(String supported) {
            this.supported = supported;
        }
    }

    private final List<ContentPart> system = new ArrayList<>();
    private final List<Message> messages = new ArrayList<>();
    private boolean lastIsToolResults;

    private OpenAiMessageDecoder() {}

    static Conversation decode(JsonArray array) {
        OpenAiMessageDecoder decoder = new OpenAiMessageDecoder();
        for (int i = 0; i < array.size(); i++) {
            String path = "messages[" + i + "]";
            decoder.add(JsonFields.element(array, i, path), path);
        }
        if (decoder.messages.isEmpty()) {
            throw new InvalidRequestException(
                    "'messages' must contain at least one user, assistant or tool message.", "messages");
        }
        return new Conversation(decoder.system, decoder.messages);
    }

    private void add(JsonObject message, String path) {
        String role = JsonFields.requiredString(message, "role", path + ".role");
        switch (role) {
            case "system", "developer" -> addSystem(textContent(message, path));
            case "user" -> addUser(userContent(message, path));
            case "assistant" -> addAssistant(message, path);
            case "tool" -> addToolResult(message, path);
            default -> throw JsonFields.unsupportedValue(path + ".role", role, ROLES);
        }
    }

    /**
     * Leading system and developer messages are the request's system instructions; one after the
     * conversation started is an instruction given at that point.
     */
    private void addSystem(List<ContentPart> content) {
        if (messages.isEmpty()) {
            system.addAll(content);
        } else if (!content.isEmpty()) {
            messages.add(new Message(Message.Role.SYSTEM, content));
            lastIsToolResults = false;
        }
    }

    private void addUser(List<ContentPart> content) {
        if (lastIsToolResults) {
            appendToLast(content);
        } else {
            messages.add(new Message(Message.Role.USER, content));
        }
        lastIsToolResults = false;
    }

    private void addToolResult(JsonObject message, String path) {
        String callId = JsonFields.requiredString(message, "tool_call_id", path + ".tool_call_id");
        List<ContentPart> result = List.of(new ContentPart.ToolResult(callId, textContent(message, path), false));
        if (lastIsToolResults) {
            appendToLast(result);
        } else {
            messages.add(new Message(Message.Role.USER, result));
        }
        lastIsToolResults = true;
    }

    private void addAssistant(JsonObject message, String path) {
        List<ContentPart> content = new ArrayList<>();
        Object raw = message.getValue("content");
        if (raw instanceof String text) {
            if (!text.isEmpty()) {
                content.add(new ContentPart.Text(text));
            }
        } else if (raw != null) {
            content.addAll(parts(raw, path, PartTypes.ASSISTANT));
        }
        JsonArray calls = JsonFields.array(message, "tool_calls", path + ".tool_calls");
        if (calls != null) {
            for (int i = 0; i < calls.size(); i++) {
                String callPath = path + ".tool_calls[" + i + "]";
                content.add(toolCall(JsonFields.element(calls, i, callPath), callPath));
            }
        }
        if (content.isEmpty()) {
            if (raw == null) {
                throw JsonFields.missing(path + ".content");
            }
            content.add(new ContentPart.Text(""));
        }
        messages.add(new Message(Message.Role.ASSISTANT, content));
        lastIsToolResults = false;
    }

    private void appendToLast(List<ContentPart> content) {
        Message last = messages.remove(messages.size() - 1);
        List<ContentPart> merged = new ArrayList<>(last.content());
        merged.addAll(content);
        messages.add(new Message(Message.Role.USER, merged));
    }

    private static ContentPart.ToolCall toolCall(JsonObject call, String path) {
        String id = JsonFields.requiredString(call, "id", path + ".id");
        String type = JsonFields.string(call, "type", path + ".type");
        if (type != null && !type.equals("function")) {
            throw JsonFields.unsupportedValue(path + ".type", type, "'function'");
        }
        JsonObject function = JsonFields.requiredObject(call, "function", path + ".function");
        String name = JsonFields.requiredString(function, "name", path + ".function.name");
        String arguments = JsonFields.string(function, "arguments", path + ".function.arguments");
        return new ContentPart.ToolCall(id, name, arguments);
    }

    /** The content of a system, developer or tool message: a string or text parts. */
    private static List<ContentPart> textContent(JsonObject message, String path) {
        Object raw = message.getValue("content");
        if (raw instanceof String text) {
            return text.isEmpty() ? List.of() : List.of(new ContentPart.Text(text));
        }
        return parts(raw, path, PartTypes.TEXT);
    }

    private static List<ContentPart> userContent(JsonObject message, String path) {
        Object raw = message.getValue("content");
        if (raw instanceof String text) {
            return List.of(new ContentPart.Text(text));
        }
        return parts(raw, path, PartTypes.USER);
    }

    /** An array of content parts of the types {@code allowed}. */
    private static List<ContentPart> parts(Object raw, String path, PartTypes allowed) {
        String contentPath = path + ".content";
        if (raw == null) {
            throw JsonFields.missing(contentPath);
        }
        if (!(raw instanceof JsonArray array)) {
            throw JsonFields.wrongType(contentPath, "a string or an array of content parts", raw);
        }
        List<ContentPart> parts = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String partPath = contentPath + "[" + i + "]";
            parts.add(part(JsonFields.element(array, i, partPath), partPath, allowed));
        }
        return parts;
    }

    private static ContentPart part(JsonObject part, String path, PartTypes allowed) {
        String type = JsonFields.requiredString(part, "type", path + ".type");
        if (type.equals("text")) {
            return new ContentPart.Text(
                    JsonFields.requiredString(part, "text", path + ".text"), JsonFields.others(part, TEXT_FIELDS));
        } else if (type.equals("image_url") && allowed == PartTypes.USER) {
            return OpenAiImages.decode(part, path);
        } else if (type.equals("refusal") && allowed == PartTypes.ASSISTANT) {
            return new ContentPart.Text(JsonFields.requiredString(part, "refusal", path + ".refusal"));
        }
        throw JsonFields.unsupportedValue(path + ".type", type, allowed.supported);
    }
}
