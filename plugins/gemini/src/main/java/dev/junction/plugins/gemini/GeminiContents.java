package dev.junction.plugins.gemini;

import dev.junction.plugin.BackendException;
import dev.junction.plugin.ContentPart;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.Message;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The canonical conversation as Gemini {@code contents}: roles {@code user} and {@code model},
 * consecutive turns of one role merged, tool calls and results as {@code functionCall} and
 * {@code functionResponse} parts, thought signatures back on the parts Gemini gave them to, an
 * instruction given mid-conversation as a marked user text ({@link #systemNote}).
 *
 * <p>Signatures travel as canonical {@link ContentPart.Thinking} parts (see
 * {@link GeminiStreamDecoder}): a thinking part with text is a thought part; one without text only
 * carries a signature, which goes onto the tool call that follows it, or else onto the text that
 * precedes it, or is dropped.
 */
final class GeminiContents {

    /** The documented stand-in for a function call's signature that Gemini did not make or the client lost. */
    static final String SYNTHETIC_SIGNATURE = "skip_thought_signature_validator";

    private static final String SIGNATURE = "thoughtSignature";

    /** How an instruction given mid-conversation is marked in a user turn. */
    private static final String SYSTEM_NOTE_OPEN = "<system-reminder>\n";

    private static final String SYSTEM_NOTE_CLOSE = "\n</system-reminder>";

    private final Map<String, String> toolNames = new HashMap<>();
    private final JsonArray contents = new JsonArray();
    /** A signature that belongs on the function call the next part makes. */
    private String pendingSignature;

    private GeminiContents() {}

    /**
     * Encodes {@code messages}.
     *
     * @param syntheticSignatures whether function calls of the current turn that lack a signature
     *     get {@link #SYNTHETIC_SIGNATURE}, which Gemini 3 requires
     * @throws BackendException {@link ErrorKind#INVALID_REQUEST} for what Gemini cannot take
     */
    static JsonArray encode(List<Message> messages, boolean syntheticSignatures) {
        GeminiContents encoder = new GeminiContents();
        for (Message message : messages) {
            encoder.add(message);
        }
        if (syntheticSignatures) {
            signCurrentTurn(encoder.contents);
        }
        return encoder.contents;
    }

    private void add(Message message) {
        if (message.role() == Message.Role.SYSTEM) {
            systemNote(message);
            return;
        }
        String role = message.role() == Message.Role.USER ? "user" : "model";
        JsonArray parts = new JsonArray();
        List<ContentPart> content = message.content();
        for (int i = 0; i < content.size(); i++) {
            ContentPart part = content.get(i);
            if (part instanceof ContentPart.Text text) {
                if (!text.text().isEmpty()) {
                    parts.add(new JsonObject().put("text", text.text()));
                }
            } else if (part instanceof ContentPart.Image image) {
                parts.add(image(image));
            } else if (part instanceof ContentPart.Document document) {
                parts.add(document(document));
            } else if (part instanceof ContentPart.ToolCall call) {
                parts.add(functionCall(call));
            } else if (part instanceof ContentPart.ToolResult result) {
                functionResponse(result, parts);
            } else if (part instanceof ContentPart.Thinking thinking && message.role() == Message.Role.ASSISTANT) {
                thinking(thinking, i + 1 < content.size() ? content.get(i + 1) : null, parts);
            }
            // RedactedThinking is another provider's encrypted reasoning: Gemini cannot read it.
        }
        if (!parts.isEmpty()) {
            append(role, parts);
        }
    }

    /**
     * An instruction given mid-conversation: Gemini's contents have only user and model turns, so it
     * becomes a marked user text. After a user turn it joins that turn (after its function
     * responses, which must answer the calls just before them); after a model turn it is a user turn
     * of its own, which the next user content joins.
     */
    private void systemNote(Message message) {
        String text = message.text();
        if (!text.isEmpty()) {
            JsonObject note = new JsonObject().put("text", SYSTEM_NOTE_OPEN + text + SYSTEM_NOTE_CLOSE);
            append("user", new JsonArray().add(note));
        }
    }

    private void append(String role, JsonArray parts) {
        JsonObject last = contents.isEmpty() ? null : contents.getJsonObject(contents.size() - 1);
        if (last != null && role.equals(last.getString("role"))) {
            JsonArray lastParts = last.getJsonArray("parts");
            lastParts.addAll(parts);
            responsesFirst(lastParts);
        } else {
            contents.add(new JsonObject().put("role", role).put("parts", parts));
        }
    }

    /** Moves function responses ahead of other parts, keeping the order within each kind. */
    private static void responsesFirst(JsonArray parts) {
        List<Object> responses = new ArrayList<>();
        List<Object> others = new ArrayList<>();
        for (Object part : parts) {
            (((JsonObject) part).containsKey("functionResponse") ? responses : others).add(part);
        }
        parts.clear();
        responses.forEach(parts::add);
        others.forEach(parts::add);
    }

    private void thinking(ContentPart.Thinking thinking, ContentPart next, JsonArray parts) {
        String signature = thinking.signature();
        if (!thinking.text().isEmpty()) {
            JsonObject thought = new JsonObject().put("text", thinking.text()).put("thought", true);
            if (signature != null) {
                thought.put(SIGNATURE, signature);
            }
            parts.add(thought);
        } else if (signature != null && next instanceof ContentPart.ToolCall) {
            pendingSignature = signature;
        } else if (signature != null && !parts.isEmpty()) {
            JsonObject previous = parts.getJsonObject(parts.size() - 1);
            if (previous.containsKey("text") && !previous.containsKey("thought") && !previous.containsKey(SIGNATURE)) {
                previous.put(SIGNATURE, signature);
            }
        }
    }

    private JsonObject functionCall(ContentPart.ToolCall call) {
        toolNames.put(call.id(), call.name());
        Object args;
        try {
            args = Json.decodeValue(call.arguments());
        } catch (DecodeException e) {
            args = null;
        }
        if (!(args instanceof JsonObject)) {
            throw invalid("The arguments of tool call '" + call.id() + "' are not a JSON object; Gemini takes only objects.");
        }
        JsonObject part = new JsonObject().put("functionCall", new JsonObject()
                .put("id", call.id())
                .put("name", call.name())
                .put("args", args));
        if (pendingSignature != null) {
            part.put(SIGNATURE, pendingSignature);
            pendingSignature = null;
        }
        return part;
    }

    private void functionResponse(ContentPart.ToolResult result, JsonArray parts) {
        String name = toolNames.get(result.toolCallId());
        if (name == null) {
            throw invalid("The tool result for '" + result.toolCallId()
                    + "' answers no earlier tool call; Gemini needs the function's name, which comes from that call.");
        }
        StringBuilder text = new StringBuilder();
        JsonArray media = new JsonArray();
        for (ContentPart part : result.content()) {
            if (part instanceof ContentPart.Text piece) {
                if (!text.isEmpty()) {
                    text.append('\n');
                }
                text.append(piece.text());
            } else if (part instanceof ContentPart.Image image) {
                media.add(image(image));
            } else if (part instanceof ContentPart.Document document) {
                media.add(document(document));
            } else {
                throw invalid("A tool result may hold only text, images and documents.");
            }
        }
        JsonObject response = new JsonObject().put(result.error() ? "error" : "output", text.toString());
        parts.add(new JsonObject().put("functionResponse", new JsonObject()
                .put("id", result.toolCallId())
                .put("name", name)
                .put("response", response)));
        parts.addAll(media);
    }

    /**
     * A document part: a PDF as inline data, a text document as text (after its title), a URL as
     * file data Gemini fetches itself.
     */
    static JsonObject document(ContentPart.Document document) {
        String mimeType = document.mediaType() == null ? "application/pdf" : document.mediaType();
        if (document.data() != null) {
            return inline(mimeType, document.data());
        }
        if (document.text() != null) {
            return new JsonObject().put("text", document.title() == null ? document.text() : document.title() + "\n\n" + document.text());
        }
        return new JsonObject().put("fileData", new JsonObject().put("mimeType", mimeType).put("fileUri", document.url()));
    }

    /** An image part: inline data, a data URL, or a URL Gemini fetches itself. */
    static JsonObject image(ContentPart.Image image) {
        if (image.data() != null) {
            if (image.mediaType() == null) {
                throw invalid("An inline image needs a media type.");
            }
            return inline(image.mediaType(), image.data());
        }
        String url = image.url();
        if (url.startsWith("data:")) {
            int comma = url.indexOf(',');
            String header = comma < 0 ? "" : url.substring(5, comma);
            if (!header.endsWith(";base64") || header.length() == ";base64".length()) {
                throw invalid("An image data URL must be data:<media type>;base64,<data>.");
            }
            return inline(header.substring(0, header.length() - ";base64".length()), url.substring(comma + 1));
        }
        JsonObject fileData = new JsonObject();
        String mimeType = mimeTypeOf(url);
        if (mimeType != null) {
            fileData.put("mimeType", mimeType);
        }
        return new JsonObject().put("fileData", fileData.put("fileUri", url));
    }

    private static JsonObject inline(String mimeType, String data) {
        return new JsonObject().put("inlineData", new JsonObject().put("mimeType", mimeType).put("data", data));
    }

    /** The image type a URL's file name says, or {@code null} (Gemini then asks the server). */
    private static String mimeTypeOf(String url) {
        String path = url.replaceFirst("[?#].*$", "").toLowerCase(Locale.ROOT);
        if (path.endsWith(".png")) {
            return "image/png";
        } else if (path.endsWith(".jpg") || path.endsWith(".jpeg")) {
            return "image/jpeg";
        } else if (path.endsWith(".webp")) {
            return "image/webp";
        } else if (path.endsWith(".gif")) {
            return "image/gif";
        } else if (path.endsWith(".heic")) {
            return "image/heic";
        } else if (path.endsWith(".heif")) {
            return "image/heif";
        }
        return null;
    }

    /**
     * Gemini 3 rejects a request whose current turn (everything after the last user content with
     * text) has a model step whose first function call lacks a signature. Clients that drop
     * thinking blocks lose them; the documented stand-in keeps the conversation going.
     */
    private static void signCurrentTurn(JsonArray contents) {
        int start = -1;
        for (int i = contents.size() - 1; i >= 0 && start < 0; i--) {
            JsonObject content = contents.getJsonObject(i);
            if ("user".equals(content.getString("role")) && hasText(content.getJsonArray("parts"))) {
                start = i;
            }
        }
        if (start < 0) {
            return;
        }
        for (int i = start + 1; i < contents.size(); i++) {
            JsonObject content = contents.getJsonObject(i);
            if (!"model".equals(content.getString("role"))) {
                continue;
            }
            for (Object each : content.getJsonArray("parts")) {
                JsonObject part = (JsonObject) each;
                if (part.containsKey("functionCall")) {
                    if (!part.containsKey(SIGNATURE)) {
                        part.put(SIGNATURE, SYNTHETIC_SIGNATURE);
                    }
                    break;
                }
            }
        }
    }

    private static boolean hasText(JsonArray parts) {
        for (Object each : parts) {
            if (((JsonObject) each).getValue("text") instanceof String text && !text.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    static BackendException invalid(String message) {
        return new BackendException(ErrorKind.INVALID_REQUEST, message);
    }
}
