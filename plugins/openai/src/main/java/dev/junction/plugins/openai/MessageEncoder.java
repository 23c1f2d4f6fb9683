package dev.junction.plugins.openai;

import dev.junction.plugin.BackendException;
import dev.junction.plugin.ContentPart;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes the canonical system parts and conversation as a Chat Completions {@code messages}
 * array. Each canonical message becomes its own message, consecutive ones of the same role too
 * (OpenAI reads them in order); a user message's tool results become one {@code tool} message each,
 * placed before the rest of that user message. Reasoning of earlier turns is dropped: Chat
 * Completions has no field for it.
 */
final class MessageEncoder {

    private MessageEncoder() {}

    static JsonArray encode(List<ContentPart> system, List<Message> messages) {
        JsonArray out = new JsonArray();
        if (!system.isEmpty()) {
            out.add(new JsonObject().put("role", "system").put("content", systemContent(system)));
        }
        for (int i = 0; i < messages.size(); i++) {
            Message message = messages.get(i);
            String path = "messages[" + i + "]";
            if (message.role() == Message.Role.ASSISTANT) {
                out.add(assistant(message, path));
            } else {
                user(message, path, out);
            }
        }
        return out;
    }

    /** One string for one part; text parts for several, so their boundaries stay as sent. */
    private static Object systemContent(List<ContentPart> system) {
        List<String> texts = new ArrayList<>(system.size());
        for (ContentPart part : system) {
            if (!(part instanceof ContentPart.Text text)) {
                throw invalid("system instructions can only hold text for OpenAI, not " + kind(part));
            }
            texts.add(text.text());
        }
        return texts.size() == 1 ? texts.get(0) : textParts(texts);
    }

    /**
     * The text as {@code content} (a string, {@code null} when there is none and there are tool
     * calls), the calls as {@code tool_calls} with their ids unchanged.
     */
    private static JsonObject assistant(Message message, String path) {
        List<String> texts = new ArrayList<>();
        JsonArray calls = new JsonArray();
        for (ContentPart part : message.content()) {
            if (part instanceof ContentPart.Text text) {
                texts.add(text.text());
            } else if (part instanceof ContentPart.ToolCall call) {
                calls.add(new JsonObject()
                        .put("id", call.id())
                        .put("type", "function")
                        .put("function", new JsonObject().put("name", call.name()).put("arguments", call.arguments())));
            } else if (part instanceof ContentPart.Thinking || part instanceof ContentPart.RedactedThinking) {
                continue; // no field for reasoning in Chat Completions
            } else {
                throw invalid(path + ": an assistant message cannot hold " + kind(part) + " for OpenAI");
            }
        }
        JsonObject out = new JsonObject().put("role", "assistant");
        if (texts.isEmpty() && !calls.isEmpty()) {
            out.putNull("content");
        } else {
            out.put("content", String.join("", texts));
        }
        if (!calls.isEmpty()) {
            out.put("tool_calls", calls);
        }
        return out;
    }

    /**
     * Tool results first, each a {@code tool} message (OpenAI wants them right after the
     * assistant's calls); then the message's own text and images, with any images the tool results
     * held (a {@code tool} message takes only text), as one {@code user} message.
     */
    private static void user(Message message, String path, JsonArray out) {
        List<ContentPart> rest = new ArrayList<>();
        List<ContentPart> toolImages = new ArrayList<>();
        for (ContentPart part : message.content()) {
            if (part instanceof ContentPart.ToolResult result) {
                out.add(toolMessage(result, toolImages, path));
            } else if (part instanceof ContentPart.Text || part instanceof ContentPart.Image) {
                rest.add(part);
            } else if (part instanceof ContentPart.Thinking || part instanceof ContentPart.RedactedThinking) {
                continue;
            } else {
                throw invalid(path + ": a user message cannot hold " + kind(part) + " for OpenAI");
            }
        }
        List<ContentPart> content = new ArrayList<>(toolImages);
        content.addAll(rest);
        if (!content.isEmpty()) {
            out.add(new JsonObject().put("role", "user").put("content", userContent(content)));
        }
    }

    private static JsonObject toolMessage(ContentPart.ToolResult result, List<ContentPart> images, String path) {
        List<String> texts = new ArrayList<>();
        for (ContentPart part : result.content()) {
            if (part instanceof ContentPart.Text text) {
                texts.add(text.text());
            } else if (part instanceof ContentPart.Image) {
                images.add(part);
            } else {
                throw invalid(path + ": a tool result cannot hold " + kind(part) + " for OpenAI");
            }
        }
        Object content = texts.size() == 1 ? texts.get(0) : texts.isEmpty() ? "" : textParts(texts);
        return new JsonObject()
                .put("role", "tool")
                .put("tool_call_id", result.toolCallId())
                .put("content", content);
    }

    /** A lone text as a string (what every compatible server reads); else an array of parts. */
    private static Object userContent(List<ContentPart> parts) {
        if (parts.size() == 1 && parts.get(0) instanceof ContentPart.Text text) {
            return text.text();
        }
        JsonArray out = new JsonArray();
        for (ContentPart part : parts) {
            if (part instanceof ContentPart.Text text) {
                out.add(new JsonObject().put("type", "text").put("text", text.text()));
            } else {
                out.add(image((ContentPart.Image) part));
            }
        }
        return out;
    }

    private static JsonObject image(ContentPart.Image image) {
        String url = image.url() != null
                ? image.url()
                : "data:" + (image.mediaType() == null ? "image/png" : image.mediaType()) + ";base64," + image.data();
        return new JsonObject().put("type", "image_url").put("image_url", new JsonObject().put("url", url));
    }

    private static JsonArray textParts(List<String> texts) {
        JsonArray out = new JsonArray();
        texts.forEach(text -> out.add(new JsonObject().put("type", "text").put("text", text)));
        return out;
    }

    private static String kind(ContentPart part) {
        if (part instanceof ContentPart.Text) {
            return "text";
        } else if (part instanceof ContentPart.Image) {
            return "an image";
        } else if (part instanceof ContentPart.ToolCall) {
            return "a tool call";
        } else if (part instanceof ContentPart.ToolResult) {
            return "a tool result";
        }
        return "reasoning";
    }

    private static BackendException invalid(String message) {
        return new BackendException(ErrorKind.INVALID_REQUEST, message);
    }
}
