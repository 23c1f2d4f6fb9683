package dev.junction.gateway.dialect.anthropic;

import static dev.junction.gateway.dialect.anthropic.JsonFields.array;
import static dev.junction.gateway.dialect.anthropic.JsonFields.at;
import static dev.junction.gateway.dialect.anthropic.JsonFields.invalid;
import static dev.junction.gateway.dialect.anthropic.JsonFields.object;
import static dev.junction.gateway.dialect.anthropic.JsonFields.optionalBoolean;
import static dev.junction.gateway.dialect.anthropic.JsonFields.optionalString;
import static dev.junction.gateway.dialect.anthropic.JsonFields.others;
import static dev.junction.gateway.dialect.anthropic.JsonFields.required;
import static dev.junction.gateway.dialect.anthropic.JsonFields.requiredObject;
import static dev.junction.gateway.dialect.anthropic.JsonFields.requiredString;

import dev.junction.gateway.dialect.UserText;
import dev.junction.plugin.ContentPart;
import dev.junction.plugin.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decodes {@code messages} and {@code system} of a Messages API request into canonical messages and
 * parts. A {@code system} message inside {@code messages} (the {@code mid-conversation-system} beta
 * Claude Code uses) is a {@link Message.Role#SYSTEM} message at that point, of text only. Block
 * fields it does not model ({@code cache_control}, {@code citations}, {@code caller}, anything newer)
 * go as they came into the part's {@code extra}, for an Anthropic upstream; block types it cannot
 * represent (server tool blocks) are rejected with their path. Documents are
 * {@link AnthropicDocuments}'.
 */
final class AnthropicMessageDecoder {

    private static final Set<String> TEXT_FIELDS = Set.of("type", "text");
    private static final Set<String> IMAGE_FIELDS = Set.of("type", "source");
    private static final Set<String> TOOL_USE_FIELDS = Set.of("type", "id", "name", "input");
    private static final Set<String> TOOL_RESULT_FIELDS = Set.of("type", "tool_use_id", "content", "is_error");
    private static final Set<String> THINKING_FIELDS = Set.of("type", "thinking", "signature");

    private AnthropicMessageDecoder() {}

    static List<Message> messages(Object value) {
        JsonArray array = array(value, "messages");
        if (array.isEmpty()) {
            throw invalid("messages", "must contain at least one message");
        }
        List<Message> messages = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            messages.add(message(array.getValue(i), at("messages", i)));
        }
        if (messages.stream().allMatch(message -> message.role() == Message.Role.SYSTEM)) {
            throw invalid("messages", "must contain at least one user or assistant message");
        }
        return messages;
    }

    static List<ContentPart> system(Object value) {
        if (value instanceof String text && text.isEmpty()) {
            return List.of();
        }
        return value == null ? List.of() : textBlocks(value, "system");
    }

    /** A string or an array of text blocks, as {@code system} and a system message hold. */
    private static List<ContentPart> textBlocks(Object value, String path) {
        if (value instanceof String text) {
            return List.of(new ContentPart.Text(text));
        }
        if (!(value instanceof JsonArray array)) {
            throw invalid(path, "must be a string or an array of text blocks");
        }
        List<ContentPart> parts = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String blockPath = at(path, i);
            JsonObject block = object(array.getValue(i), blockPath);
            if (!"text".equals(requiredString(block, "type", at(blockPath, "type")))) {
                throw invalid(at(blockPath, "type"), "system blocks must be of type \"text\"");
            }
            parts.add(text(block, blockPath));
        }
        return parts;
    }

    private static Message message(Object value, String path) {
        JsonObject message = object(value, path);
        Message.Role role = role(required(message, "role", at(path, "role")), at(path, "role"));
        Object content = required(message, "content", at(path, "content"));
        if (role == Message.Role.SYSTEM) {
            return new Message(role, textBlocks(content, at(path, "content")));
        }
        return new Message(role, content(content, at(path, "content"), role));
    }

    private static Message.Role role(Object value, String path) {
        if ("user".equals(value)) {
            return Message.Role.USER;
        }
        if ("assistant".equals(value)) {
            return Message.Role.ASSISTANT;
        }
        if ("system".equals(value)) {
            return Message.Role.SYSTEM;
        }
        throw invalid(path, "must be \"user\", \"assistant\" or \"system\"");
    }

    private static List<ContentPart> content(Object value, String path, Message.Role role) {
        if (value instanceof String text) {
            return List.of(new ContentPart.Text(text));
        }
        if (!(value instanceof JsonArray array)) {
            throw invalid(path, "must be a string or an array of content blocks");
        }
        List<ContentPart> parts = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            parts.add(block(array.getValue(i), at(path, i), role));
        }
        return parts;
    }

    private static ContentPart block(Object value, String path, Message.Role role) {
        JsonObject block = object(value, path);
        String type = requiredString(block, "type", at(path, "type"));
        return switch (type) {
            case "text" -> text(block, path);
            case "image" -> image(block, path);
            case "document" -> {
                requireRole(role, Message.Role.USER, type, path);
                yield AnthropicDocuments.decode(block, path);
            }
            case "tool_use" -> {
                requireRole(role, Message.Role.ASSISTANT, type, path);
                yield toolUse(block, path);
            }
            case "tool_result" -> {
                requireRole(role, Message.Role.USER, type, path);
                yield toolResult(block, path);
            }
            case "thinking" -> {
                requireRole(role, Message.Role.ASSISTANT, type, path);
                yield thinking(block, path);
            }
            case "redacted_thinking" -> {
                requireRole(role, Message.Role.ASSISTANT, type, path);
                yield new ContentPart.RedactedThinking(requiredString(block, "data", at(path, "data")));
            }
            default -> throw invalid(at(path, "type"), "unsupported content block type \"" + UserText.shorten(type) + "\"");
        };
    }

    private static void requireRole(Message.Role actual, Message.Role expected, String type, String path) {
        if (actual != expected) {
            String role = expected == Message.Role.USER ? "user" : "assistant";
            throw invalid(path, type + " blocks may only appear in " + role + " messages");
        }
    }

    private static ContentPart.Text text(JsonObject block, String path) {
        return new ContentPart.Text(requiredString(block, "text", at(path, "text")), others(block, TEXT_FIELDS));
    }

    private static ContentPart.Image image(JsonObject block, String path) {
        String sourcePath = at(path, "source");
        JsonObject source = requiredObject(block, "source", sourcePath);
        String type = requiredString(source, "type", at(sourcePath, "type"));
        JsonObject extra = others(block, IMAGE_FIELDS);
        return switch (type) {
            case "base64" ->
                new ContentPart.Image(
                        requiredString(source, "media_type", at(sourcePath, "media_type")),
                        requiredString(source, "data", at(sourcePath, "data")),
                        null,
                        extra);
            case "url" ->
                new ContentPart.Image(null, null, requiredString(source, "url", at(sourcePath, "url")), extra);
            default -> throw invalid(at(sourcePath, "type"), "unsupported image source type \"" + UserText.shorten(type) + "\"");
        };
    }

    private static ContentPart.ToolCall toolUse(JsonObject block, String path) {
        return new ContentPart.ToolCall(
                requiredString(block, "id", at(path, "id")),
                requiredString(block, "name", at(path, "name")),
                requiredObject(block, "input", at(path, "input")).encode(),
                others(block, TOOL_USE_FIELDS));
    }

    private static ContentPart.ToolResult toolResult(JsonObject block, String path) {
        String id = requiredString(block, "tool_use_id", at(path, "tool_use_id"));
        Boolean error = optionalBoolean(block, "is_error", at(path, "is_error"));
        return new ContentPart.ToolResult(
                id,
                toolResultContent(block.getValue("content"), at(path, "content")),
                Boolean.TRUE.equals(error),
                others(block, TOOL_RESULT_FIELDS));
    }

    private static List<ContentPart> toolResultContent(Object value, String path) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof String text) {
            return List.of(new ContentPart.Text(text));
        }
        if (!(value instanceof JsonArray array)) {
            throw invalid(path, "must be a string or an array of text, image and document blocks");
        }
        List<ContentPart> parts = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String blockPath = at(path, i);
            JsonObject block = object(array.getValue(i), blockPath);
            String type = requiredString(block, "type", at(blockPath, "type"));
            parts.add(
                    switch (type) {
                        case "text" -> text(block, blockPath);
                        case "image" -> image(block, blockPath);
                        case "document" -> AnthropicDocuments.decode(block, blockPath);
                        default ->
                            throw invalid(at(blockPath, "type"), "unsupported tool result block type \"" + UserText.shorten(type) + "\"");
                    });
        }
        return parts;
    }

    /** An empty signature reads as none, the mirror of how the encoders write a missing one. */
    private static ContentPart.Thinking thinking(JsonObject block, String path) {
        String text = requiredString(block, "thinking", at(path, "thinking"));
        String signature = optionalString(block, "signature", at(path, "signature"));
        return new ContentPart.Thinking(
                text, signature == null || signature.isEmpty() ? null : signature, others(block, THINKING_FIELDS));
    }
}
