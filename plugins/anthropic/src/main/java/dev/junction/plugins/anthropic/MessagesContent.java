package dev.junction.plugins.anthropic;

import dev.junction.plugin.BackendException;
import dev.junction.plugin.ContentPart;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Canonical system instructions and messages as the Messages API's {@code system} and
 * {@code messages}. Consecutive messages of one role become one turn, their blocks in order (the API
 * wants user and assistant turns to alternate). Pure; a request it cannot express fails with
 * {@link ErrorKind#INVALID_REQUEST} naming the canonical path ({@code messages[2].content[0]}).
 *
 * <p>Thinking without a signature (reasoning another provider produced, or whose signature the
 * gateway removed because another backend or model made it) is left out: Anthropic cannot verify it.
 * For a client that spoke another dialect ({@code foreign}), what the Messages API would refuse
 * but that carries nothing is left out too: empty text (OpenAI's {@code "content": ""} beside tool
 * calls), and a turn left with no blocks; of its parts' {@code extra}, only a {@code cache_control}
 * is kept. An Anthropic client's request goes as it came, and the {@code extra} of each of its
 * parts (its {@code cache_control}, {@code citations}, ...) is merged into the block written for it,
 * never replacing a field written here.
 */
final class MessagesContent {

    /** How a translated mid-conversation system message is marked, as Claude Code marks its own. */
    private static final String SYSTEM_REMINDER_OPEN = "<system-reminder>\n";

    private static final String SYSTEM_REMINDER_CLOSE = "\n</system-reminder>";

    private final boolean foreign;

    private MessagesContent(boolean foreign) {
        this.foreign = foreign;
    }

    /**
     * The {@code system} field: a string for one plain text, blocks for several or for a text that
     * carries more than its text ({@code cache_control}), {@code null} for none.
     */
    static Object system(List<ContentPart> system, boolean foreign) {
        return systemContent(system, "system", foreign);
    }

    private static Object systemContent(List<ContentPart> parts, String path, boolean foreign) {
        JsonArray blocks = new JsonArray();
        for (int i = 0; i < parts.size(); i++) {
            if (!(parts.get(i) instanceof ContentPart.Text text)) {
                throw invalid(path + "[" + i + "]", "the Messages API takes only text as system instructions");
            }
            if (!(foreign && text.text().isEmpty())) {
                blocks.add(withExtra(text(text.text()), text.extra(), foreign));
            }
        }
        if (blocks.isEmpty()) {
            return null;
        }
        JsonObject first = blocks.getJsonObject(0);
        return blocks.size() == 1 && first.size() == 2 ? first.getString("text") : blocks;
    }

    /**
     * {@code block} with the fields of {@code extra} it lacks, copied. Of a foreign client's extra
     * fields only a {@code cache_control} object comes along (OpenAI clients of routers that
     * speak to Anthropic set it on text parts); the others mean nothing to the Messages API.
     */
    static JsonObject withExtra(JsonObject block, JsonObject extra, boolean foreign) {
        extra.forEach(field -> {
            boolean carried = !foreign
                    || (field.getKey().equals(CacheBreakpoints.FIELD) && field.getValue() instanceof JsonObject);
            if (carried && !block.containsKey(field.getKey())) {
                block.put(field.getKey(), copy(field.getValue()));
            }
        });
        return block;
    }

    /** A deep copy of a JSON value. */
    static Object copy(Object value) {
        if (value instanceof JsonObject object) {
            return object.copy();
        }
        return value instanceof JsonArray array ? array.copy() : value;
    }

    /**
     * The {@code messages} field: one turn per run of messages of the same role. A system message
     * stays in place when {@code systemInPlace} (the upstream accepts them), else it becomes a
     * {@code <system-reminder>} text of the nearest user turn (see {@link Turns}).
     */
    static JsonArray messages(List<Message> messages, boolean foreign, boolean systemInPlace) {
        MessagesContent content = new MessagesContent(foreign);
        Turns turns = new Turns();
        for (int i = 0; i < messages.size(); i++) {
            Message message = messages.get(i);
            String path = "messages[" + i + "].content";
            if (message.role() == Message.Role.SYSTEM) {
                content.system(message, path, systemInPlace, turns);
                continue;
            }
            JsonArray blocks = content.blocks(message.content(), path);
            if (blocks.isEmpty() && (foreign || !message.content().isEmpty())) {
                continue; // nothing left to send: empty text of another dialect, unsigned thinking
            }
            turns.add(message.role() == Message.Role.USER ? "user" : "assistant", blocks);
        }
        return turns.finish();
    }

    private void system(Message message, String path, boolean inPlace, Turns turns) {
        Object content = systemContent(message.content(), path, foreign);
        if (content == null) {
            return;
        }
        if (inPlace) {
            turns.system(content);
            return;
        }
        List<ContentPart> parts = message.content();
        JsonObject reminder = text(SYSTEM_REMINDER_OPEN + message.text() + SYSTEM_REMINDER_CLOSE);
        turns.reminder(withExtra(reminder, ((ContentPart.Text) parts.get(parts.size() - 1)).extra(), foreign));
    }

    private JsonArray blocks(List<ContentPart> parts, String path) {
        JsonArray blocks = new JsonArray();
        for (int j = 0; j < parts.size(); j++) {
            JsonObject block = block(parts.get(j), path + "[" + j + "]");
            if (block != null) {
                blocks.add(block);
            }
        }
        return blocks;
    }

    private JsonObject block(ContentPart part, String path) {
        if (part instanceof ContentPart.Text text) {
            return foreign && text.text().isEmpty() ? null : withExtra(text(text.text()), text.extra(), foreign);
        } else if (part instanceof ContentPart.Image image) {
            return withExtra(image(image, path), image.extra(), foreign);
        } else if (part instanceof ContentPart.Document document) {
            return withExtra(document(document), document.extra(), foreign);
        } else if (part instanceof ContentPart.ToolCall call) {
            JsonObject block = new JsonObject()
                    .put("type", "tool_use")
                    .put("id", call.id())
                    .put("name", call.name())
                    .put("input", arguments(call, path));
            return withExtra(block, call.extra(), foreign);
        } else if (part instanceof ContentPart.ToolResult result) {
            return withExtra(toolResult(result, path), result.extra(), foreign);
        } else if (part instanceof ContentPart.Thinking thinking) {
            if (thinking.signature() == null) {
                return null; // the API refuses thinking it cannot verify
            }
            JsonObject block = new JsonObject().put("type", "thinking").put("thinking", thinking.text());
            if (thinking.signature() != null) {
                block.put("signature", thinking.signature());
            }
            return withExtra(block, thinking.extra(), foreign);
        } else if (part instanceof ContentPart.RedactedThinking redacted) {
            return new JsonObject().put("type", "redacted_thinking").put("data", redacted.data());
        }
        throw invalid(path, "a content part the anthropic backend does not know: " + part.getClass().getSimpleName());
    }

    private JsonObject toolResult(ContentPart.ToolResult result, String path) {
        JsonObject block = new JsonObject().put("type", "tool_result").put("tool_use_id", result.toolCallId());
        JsonArray content = new JsonArray();
        for (int k = 0; k < result.content().size(); k++) {
            ContentPart part = result.content().get(k);
            String partPath = path + ".content[" + k + "]";
            if (part instanceof ContentPart.Text text) {
                if (!(foreign && text.text().isEmpty())) {
                    content.add(withExtra(text(text.text()), text.extra(), foreign));
                }
            } else if (part instanceof ContentPart.Image image) {
                content.add(withExtra(image(image, partPath), image.extra(), foreign));
            } else if (part instanceof ContentPart.Document document) {
                content.add(withExtra(document(document), document.extra(), foreign));
            } else {
                throw invalid(partPath, "a tool result holds only text, images and documents");
            }
        }
        if (!content.isEmpty()) {
            block.put("content", content);
        }
        return result.error() ? block.put("is_error", true) : block;
    }

    private static JsonObject text(String text) {
        return new JsonObject().put("type", "text").put("text", text);
    }

    private static JsonObject image(ContentPart.Image image, String path) {
        if (image.data() != null) {
            if (image.mediaType() == null) {
                throw invalid(path, "an inline image needs its media type");
            }
            return base64Image(image.mediaType(), image.data());
        }
        String url = image.url();
        if (url.regionMatches(true, 0, "data:", 0, 5)) {
            int comma = url.indexOf(',');
            int base64 = url.indexOf(";base64");
            if (comma < 0 || base64 < 0 || base64 > comma) {
                throw invalid(path, "a data: URL image must be base64 encoded");
            }
            return base64Image(url.substring(5, base64), url.substring(comma + 1));
        }
        return new JsonObject()
                .put("type", "image")
                .put("source", new JsonObject().put("type", "url").put("url", url));
    }

    /** A {@code document} block: a {@code base64}, {@code text} or {@code url} source, and its title. */
    private static JsonObject document(ContentPart.Document document) {
        JsonObject source;
        if (document.data() != null) {
            source = new JsonObject()
                    .put("type", "base64")
                    .put("media_type", document.mediaType() == null ? "application/pdf" : document.mediaType())
                    .put("data", document.data());
        } else if (document.text() != null) {
            source = new JsonObject().put("type", "text").put("media_type", "text/plain").put("data", document.text());
        } else {
            source = new JsonObject().put("type", "url").put("url", document.url());
        }
        JsonObject block = new JsonObject().put("type", "document").put("source", source);
        return document.title() == null ? block : block.put("title", document.title());
    }

    private static JsonObject base64Image(String mediaType, String data) {
        return new JsonObject()
                .put("type", "image")
                .put("source", new JsonObject().put("type", "base64").put("media_type", mediaType).put("data", data));
    }

    /** The Messages API wants a tool call's input as a JSON object, not as text. */
    private static JsonObject arguments(ContentPart.ToolCall call, String path) {
        JsonObject input = Json.parseObject(call.arguments());
        if (input == null) {
            throw invalid(path, "the arguments of tool call '" + call.id() + "' (" + call.name()
                    + ") must be a JSON object; got: " + abbreviate(call.arguments()));
        }
        return input;
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    static BackendException invalid(String path, String problem) {
        return new BackendException(ErrorKind.INVALID_REQUEST, path + ": " + problem);
    }
}
