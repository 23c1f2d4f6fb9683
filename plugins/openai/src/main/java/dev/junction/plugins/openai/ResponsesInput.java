package dev.junction.plugins.openai;

import static dev.junction.plugins.openai.MessageEncoder.invalid;
import static dev.junction.plugins.openai.MessageEncoder.kind;

import dev.junction.plugin.ClientDialect;
import dev.junction.plugin.ContentPart;
import dev.junction.plugin.Message;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Encodes the canonical conversation as the Responses API's {@code input} items, in order: user
 * and assistant turns as {@code message} items ({@code input_text}, {@code input_image},
 * {@code input_file} / {@code output_text} parts), a mid-conversation {@link Message.Role#SYSTEM}
 * message as a {@code developer} message at that point, tool calls as {@code function_call} items
 * and their results as {@code function_call_output} items, reasoning the Responses API encrypted
 * as {@code reasoning} items (other reasoning is dropped: the API cannot verify it).
 *
 * <p>For a client that spoke the Responses dialect, each part's {@code extra} (an item's
 * {@code type}, {@code status} and {@code namespace}, but not its {@code id}; an image's
 * {@code detail}) goes back into its item or part, and a
 * call or result whose {@code extra} says {@code custom_tool_call} / {@code custom_tool_call_output}
 * goes back as that item. A field written here is never replaced. Pure.
 */
final class ResponsesInput {

    static final String DIALECT = ClientDialect.RESPONSES;

    private static final String CUSTOM_CALL = "custom_tool_call";
    private static final String CUSTOM_OUTPUT = "custom_tool_call_output";
    private static final String NAMESPACE_SEPARATOR = "__";

    private final boolean sameDialect;
    private final JsonArray items = new JsonArray();
    private JsonArray assistantText;

    private ResponsesInput(boolean sameDialect) {
        this.sameDialect = sameDialect;
    }

    /** The items for {@code messages}, after the leading system instructions (see the encoder). */
    static JsonArray encode(List<Message> messages, boolean sameDialect) {
        ResponsesInput input = new ResponsesInput(sameDialect);
        for (int i = 0; i < messages.size(); i++) {
            input.message(messages.get(i), "messages[" + i + "]");
        }
        return input.items;
    }

    /** A {@code developer} message of text parts: system instructions at that point of the conversation. */
    static JsonObject developer(List<ContentPart> parts, String path) {
        JsonArray content = new JsonArray();
        for (ContentPart part : parts) {
            if (!(part instanceof ContentPart.Text text)) {
                throw invalid(path + ": system instructions can only hold text for OpenAI");
            }
            content.add(new JsonObject().put("type", "input_text").put("text", text.text()));
        }
        return message("developer", content);
    }

    /**
     * Whether {@code data} is reasoning the Responses API encrypted: OpenAI's {@code encrypted_content}
     * is a Fernet token, which always starts so. Anthropic and Gemini signatures never do.
     */
    static boolean encryptedByOpenAi(String data) {
        return data != null && data.startsWith("gAAAAA");
    }

    private void message(Message message, String path) {
        switch (message.role()) {
            case SYSTEM -> items.add(developer(message.content(), path));
            case ASSISTANT -> assistant(message, path);
            case USER -> user(message, path);
        }
    }

    /** Tool results first (each right after its call), then the rest of the turn as one message. */
    private void user(Message message, String path) {
        JsonArray content = new JsonArray();
        for (ContentPart part : message.content()) {
            if (part instanceof ContentPart.ToolResult result) {
                items.add(toolOutput(result, path));
            } else if (part instanceof ContentPart.Thinking || part instanceof ContentPart.RedactedThinking) {
                continue;
            } else if (part instanceof ContentPart.ToolCall) {
                throw invalid(path + ": a user message cannot hold a tool call");
            } else {
                content.add(inputPart(part));
            }
        }
        if (!content.isEmpty()) {
            items.add(message("user", content));
        }
    }

    /** Consecutive texts are one assistant message; calls and reasoning are items of their own, in order. */
    private void assistant(Message message, String path) {
        for (ContentPart part : message.content()) {
            if (part instanceof ContentPart.Text text) {
                if (assistantText == null) {
                    assistantText = new JsonArray();
                }
                assistantText.add(withExtra(
                        new JsonObject().put("type", "output_text").put("text", text.text()), text.extra())
                        .put("annotations", new JsonArray()));
            } else if (part instanceof ContentPart.ToolCall call) {
                flushText();
                items.add(toolCall(call));
            } else if (part instanceof ContentPart.Thinking thinking) {
                reasoning(thinking.text(), thinking.signature(), thinking.extra());
            } else if (part instanceof ContentPart.RedactedThinking redacted) {
                reasoning("", redacted.data(), new JsonObject());
            } else {
                throw invalid(path + ": an assistant message cannot hold " + kind(part) + " for OpenAI");
            }
        }
        flushText();
    }

    private void flushText() {
        if (assistantText != null) {
            items.add(message("assistant", assistantText));
            assistantText = null;
        }
    }

    private void reasoning(String text, String encrypted, JsonObject extra) {
        if (!encryptedByOpenAi(encrypted)) {
            return; // the API takes back only its own reasoning
        }
        flushText();
        JsonObject item = itemWithExtra(
                new JsonObject().put("type", "reasoning").put("encrypted_content", encrypted), extra);
        if (!item.containsKey("summary")) {
            JsonArray summary = new JsonArray();
            if (!text.isEmpty()) {
                summary.add(new JsonObject().put("type", "summary_text").put("text", text));
            }
            item.put("summary", summary);
        }
        items.add(item);
    }

    private JsonObject toolCall(ContentPart.ToolCall call) {
        JsonObject item = new JsonObject().put("call_id", call.id()).put("name", clientName(call.name(), call.extra()));
        if (custom(call.extra(), CUSTOM_CALL)) {
            item.put("type", CUSTOM_CALL).put("input", customInput(call));
        } else {
            item.put("type", "function_call").put("arguments", call.arguments());
        }
        return itemWithExtra(item, call.extra());
    }

    /**
     * The name a Responses client knows a tool by: the Responses dialect names a tool of a
     * {@code namespace} {@code <namespace>__<name>}, with the namespace in extra, which goes back
     * into the item.
     */
    private String clientName(String name, JsonObject extra) {
        if (sameDialect && extra.getValue("namespace") instanceof String namespace
                && name.startsWith(namespace + NAMESPACE_SEPARATOR)) {
            return name.substring(namespace.length() + NAMESPACE_SEPARATOR.length());
        }
        return name;
    }

    /** The canonical name of a tool the upstream calls: {@code <namespace>__<name>} for one of a namespace. */
    static String canonicalName(String namespace, String name) {
        return namespace == null ? name : namespace + NAMESPACE_SEPARATOR + name;
    }

    /** A freeform call's text: the canonical arguments carry it as {@code {"input": "..."}}. */
    private static String customInput(ContentPart.ToolCall call) {
        try {
            if (new JsonObject(call.arguments()).getValue("input") instanceof String input) {
                return input;
            }
        } catch (DecodeException | ClassCastException e) {
            // not the wrapped form: the arguments are the text
        }
        return call.arguments();
    }

    /**
     * One text as a string; several parts, images or documents as an array of input parts; none
     * as {@code ""}. The error flag has no field here: the text still reaches the model.
     */
    private JsonObject toolOutput(ContentPart.ToolResult result, String path) {
        Object output;
        List<ContentPart> content = result.content();
        if (content.isEmpty()) {
            output = "";
        } else if (content.size() == 1 && content.get(0) instanceof ContentPart.Text text && plain(text)) {
            output = text.text();
        } else {
            JsonArray parts = new JsonArray();
            for (ContentPart part : content) {
                if (part instanceof ContentPart.ToolResult || part instanceof ContentPart.ToolCall) {
                    throw invalid(path + ": a tool result cannot hold " + kind(part) + " for OpenAI");
                }
                parts.add(inputPart(part));
            }
            output = parts;
        }
        String type = custom(result.extra(), CUSTOM_OUTPUT) ? CUSTOM_OUTPUT : "function_call_output";
        return itemWithExtra(
                new JsonObject().put("type", type).put("call_id", result.toolCallId()).put("output", output),
                result.extra());
    }

    /** A user-side part: text, an image, a document (a file, or its text when it is plain text). */
    private JsonObject inputPart(ContentPart part) {
        if (part instanceof ContentPart.Text text) {
            return withExtra(new JsonObject().put("type", "input_text").put("text", text.text()), text.extra());
        }
        if (part instanceof ContentPart.Image image) {
            String url = image.url() != null
                    ? image.url()
                    : "data:" + (image.mediaType() == null ? "image/png" : image.mediaType()) + ";base64," + image.data();
            JsonObject out = withExtra(new JsonObject().put("type", "input_image").put("image_url", url), image.extra());
            return out.containsKey("detail") ? out : out.put("detail", "auto");
        }
        if (part instanceof ContentPart.Document document) {
            return document(document);
        }
        throw invalid("a user message cannot hold " + kind(part) + " for OpenAI");
    }

    private JsonObject document(ContentPart.Document document) {
        JsonObject out;
        if (document.text() != null) {
            String title = document.title() == null ? "" : document.title() + "\n\n";
            out = new JsonObject().put("type", "input_text").put("text", title + document.text());
        } else if (document.url() != null) {
            out = new JsonObject().put("type", "input_file").put("file_url", document.url());
        } else {
            String mediaType = document.mediaType() == null ? "application/pdf" : document.mediaType();
            out = new JsonObject()
                    .put("type", "input_file")
                    .put("filename", document.title() == null ? "document" : document.title())
                    .put("file_data", "data:" + mediaType + ";base64," + document.data());
        }
        return withExtra(out, document.extra());
    }

    private static JsonObject message(String role, JsonArray content) {
        return new JsonObject().put("type", "message").put("role", role).put("content", content);
    }

    private boolean custom(JsonObject extra, String type) {
        return sameDialect && type.equals(extra.getValue("type"));
    }

    private boolean plain(ContentPart.Text text) {
        return !sameDialect || text.extra().isEmpty();
    }

    /**
     * An item with its extra, but never an {@code id}: the ids a client holds are the gateway's
     * (the answer's items are numbered by the gateway, not the upstream), which the upstream does not
     * know and, with {@code store: false}, refuses to look up.
     */
    private JsonObject itemWithExtra(JsonObject item, JsonObject extra) {
        JsonObject out = withExtra(item, extra);
        out.remove("id");
        return out;
    }

    /** {@code json} with the fields of {@code extra} it lacks, for a same-dialect client only. */
    private JsonObject withExtra(JsonObject json, JsonObject extra) {
        return Extras.carryIf(sameDialect, extra, json);
    }
}
