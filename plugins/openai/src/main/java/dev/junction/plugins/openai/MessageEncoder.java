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
 * array. Each canonical message becomes its own message (an instruction given mid-conversation a
 * {@code system} message at its place, which every model reads, where {@code developer} is only
 * for newer OpenAI models), consecutive ones of the same role too
 * (OpenAI reads them in order); a user message's tool results become one {@code tool} message each,
 * placed before the rest of that user message. Reasoning of earlier turns is dropped: Chat
 * Completions has no field for it.
 *
 * <p>For a client that spoke the OpenAI dialect, each part's {@code extra} goes back where it came
 * from: a text part's into the part, an image's into its {@code image_url} object (its
 * {@code detail}); a text that carries any is sent as a part, never folded into a string. A field
 * written here is never replaced. Other clients' extras are left out.
 */
final class MessageEncoder {

    private final boolean sameDialect;

    private MessageEncoder(boolean sameDialect) {
        this.sameDialect = sameDialect;
    }

    static JsonArray encode(List<ContentPart> system, List<Message> messages, boolean sameDialect) {
        MessageEncoder encoder = new MessageEncoder(sameDialect);
        JsonArray out = new JsonArray();
        if (!system.isEmpty()) {
            out.add(new JsonObject().put("role", "system").put("content", encoder.systemContent(system)));
        }
        for (int i = 0; i < messages.size(); i++) {
            Message message = messages.get(i);
            String path = "messages[" + i + "]";
            if (message.role() == Message.Role.ASSISTANT) {
                out.add(encoder.assistant(message, path));
            } else if (message.role() == Message.Role.SYSTEM) {
                out.add(new JsonObject().put("role", "system").put("content", encoder.systemContent(message.content())));
            } else {
                encoder.user(message, path, out);
            }
        }
        return out;
    }

    /** One string for one plain part; text parts for several, so their boundaries stay as sent. */
    private Object systemContent(List<ContentPart> system) {
        List<ContentPart.Text> texts = new ArrayList<>(system.size());
        for (ContentPart part : system) {
            if (!(part instanceof ContentPart.Text text)) {
                throw invalid("system instructions can only hold text for OpenAI, not " + kind(part));
            }
            texts.add(text);
        }
        return texts.size() == 1 && plain(texts.get(0)) ? texts.get(0).text() : textParts(texts);
    }

    /**
     * The text as {@code content} (a string, {@code null} when there is none and there are tool
     * calls; text parts when a text carries extra fields), the calls as {@code tool_calls} with
     * their ids unchanged.
     */
    private JsonObject assistant(Message message, String path) {
        List<ContentPart.Text> texts = new ArrayList<>();
        JsonArray calls = new JsonArray();
        for (ContentPart part : message.content()) {
            if (part instanceof ContentPart.Text text) {
                texts.add(text);
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
        } else if (texts.stream().allMatch(this::plain)) {
            out.put("content", String.join("", texts.stream().map(ContentPart.Text::text).toList()));
        } else {
            out.put("content", textParts(texts));
        }
        if (!calls.isEmpty()) {
            out.put("tool_calls", calls);
        }
        return out;
    }

    /**
     * Tool results first, each a {@code tool} message (OpenAI wants them right after the
     * assistant's calls); then the message's own text, images and documents, with any images and
     * documents the tool results held (a {@code tool} message takes only text), as one {@code user}
     * message.
     */
    private void user(Message message, String path, JsonArray out) {
        List<ContentPart> rest = new ArrayList<>();
        List<ContentPart> toolImages = new ArrayList<>();
        for (ContentPart part : message.content()) {
            if (part instanceof ContentPart.ToolResult result) {
                out.add(toolMessage(result, toolImages, path));
            } else if (part instanceof ContentPart.Text
                    || part instanceof ContentPart.Image
                    || part instanceof ContentPart.Document) {
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

    private JsonObject toolMessage(ContentPart.ToolResult result, List<ContentPart> images, String path) {
        List<ContentPart.Text> texts = new ArrayList<>();
        for (ContentPart part : result.content()) {
            if (part instanceof ContentPart.Text text) {
                texts.add(text);
            } else if (part instanceof ContentPart.Image || part instanceof ContentPart.Document) {
                images.add(part);
            } else {
                throw invalid(path + ": a tool result cannot hold " + kind(part) + " for OpenAI");
            }
        }
        Object content = texts.isEmpty()
                ? ""
                : texts.size() == 1 && plain(texts.get(0)) ? texts.get(0).text() : textParts(texts);
        return new JsonObject()
                .put("role", "tool")
                .put("tool_call_id", result.toolCallId())
                .put("content", content);
    }

    /** A lone plain text as a string (what every compatible server reads); else an array of parts. */
    private Object userContent(List<ContentPart> parts) {
        if (parts.size() == 1 && parts.get(0) instanceof ContentPart.Text text && plain(text)) {
            return text.text();
        }
        JsonArray out = new JsonArray();
        for (ContentPart part : parts) {
            if (part instanceof ContentPart.Text text) {
                out.add(textPart(text));
            } else if (part instanceof ContentPart.Document document) {
                out.add(DocumentParts.of(document));
            } else {
                out.add(image((ContentPart.Image) part));
            }
        }
        return out;
    }

    private JsonObject image(ContentPart.Image image) {
        String url = image.url() != null
                ? image.url()
                : "data:" + (image.mediaType() == null ? "image/png" : image.mediaType()) + ";base64," + image.data();
        JsonObject imageUrl = withExtra(new JsonObject().put("url", url), image.extra());
        return new JsonObject().put("type", "image_url").put("image_url", imageUrl);
    }

    private JsonArray textParts(List<ContentPart.Text> texts) {
        JsonArray out = new JsonArray();
        texts.forEach(text -> out.add(textPart(text)));
        return out;
    }

    private JsonObject textPart(ContentPart.Text text) {
        return withExtra(new JsonObject().put("type", "text").put("text", text.text()), text.extra());
    }

    /** Whether a text goes as nothing but its text: it has no extra fields to forward. */
    private boolean plain(ContentPart.Text text) {
        return !sameDialect || text.extra().isEmpty();
    }

    /** {@code json} with the fields of {@code extra} it lacks, for a same-dialect client only. */
    private JsonObject withExtra(JsonObject json, JsonObject extra) {
        return Extras.carryIf(sameDialect, extra, json);
    }

    /** What a part is, for the messages of refusals. */
    static String kind(ContentPart part) {
        if (part instanceof ContentPart.Text) {
            return "text";
        } else if (part instanceof ContentPart.Image) {
            return "an image";
        } else if (part instanceof ContentPart.ToolCall) {
            return "a tool call";
        } else if (part instanceof ContentPart.ToolResult) {
            return "a tool result";
        } else if (part instanceof ContentPart.Document) {
            return "a document";
        }
        return "reasoning";
    }

    static BackendException invalid(String message) {
        return new BackendException(ErrorKind.INVALID_REQUEST, message);
    }
}
