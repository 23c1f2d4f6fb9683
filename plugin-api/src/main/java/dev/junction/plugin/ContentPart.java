package dev.junction.plugin;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * A piece of a message's content.
 *
 * <p>The parts a client may annotate carry an {@code extra} object: fields of this block the
 * gateway does not understand, as the client sent them (Anthropic's {@code cache_control} and
 * {@code citations}, OpenAI's image {@code detail}); forwarded only to an upstream of the same
 * dialect ({@link ChatRequest#dialect()}), never interpreted. It is an empty object when there are
 * none, and the shorter constructors leave it empty.
 *
 * @since 1.0.0
 */
public sealed interface ContentPart {

    /**
     * Plain text.
     *
     * @param extra fields of this block the gateway does not understand, as the client sent them;
     *     forwarded only to an upstream of the same dialect ({@link ChatRequest#dialect()})
     */
    record Text(String text, JsonObject extra) implements ContentPart {
        public Text {
            Objects.requireNonNull(text, "text");
            extra = extra == null ? new JsonObject() : extra;
        }

        public Text(String text) {
            this(text, null);
        }
    }

    /**
     * An image, either inline ({@code data} is base64, {@code mediaType} set) or by reference
     * ({@code url} set, the other two {@code null}).
     *
     * @param extra fields of this block the gateway does not understand, as the client sent them;
     *     forwarded only to an upstream of the same dialect ({@link ChatRequest#dialect()})
     */
    record Image(String mediaType, String data, String url, JsonObject extra) implements ContentPart {
        public Image {
            if ((data == null) == (url == null)) {
                throw new IllegalArgumentException("an image has either data or a url");
            }
            extra = extra == null ? new JsonObject() : extra;
        }

        public Image(String mediaType, String data, String url) {
            this(mediaType, data, url, null);
        }
    }

    /**
     * The model's call of a tool.
     *
     * @param id the call's id, passed through unchanged across dialects
     * @param arguments the arguments as JSON text, exactly as the model produced them
     * @param extra fields of this block the gateway does not understand, as the client sent them;
     *     forwarded only to an upstream of the same dialect ({@link ChatRequest#dialect()})
     */
    record ToolCall(String id, String name, String arguments, JsonObject extra) implements ContentPart {
        public ToolCall {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            arguments = arguments == null || arguments.isEmpty() ? "{}" : arguments;
            extra = extra == null ? new JsonObject() : extra;
        }

        public ToolCall(String id, String name, String arguments) {
            this(id, name, arguments, null);
        }
    }

    /**
     * The result of a tool call, answering the call with id {@code toolCallId}.
     *
     * @param extra fields of this block the gateway does not understand, as the client sent them;
     *     forwarded only to an upstream of the same dialect ({@link ChatRequest#dialect()})
     */
    record ToolResult(String toolCallId, List<ContentPart> content, boolean error, JsonObject extra)
            implements ContentPart {
        public ToolResult {
            Objects.requireNonNull(toolCallId, "toolCallId");
            content = List.copyOf(content);
            extra = extra == null ? new JsonObject() : extra;
        }

        public ToolResult(String toolCallId, List<ContentPart> content, boolean error) {
            this(toolCallId, content, error, null);
        }
    }

    /**
     * The model's visible reasoning. {@code signature} (may be {@code null}) must be sent back
     * unchanged in later turns for providers that verify it.
     *
     * @param extra fields of this block the gateway does not understand, as the client sent them;
     *     forwarded only to an upstream of the same dialect ({@link ChatRequest#dialect()})
     */
    record Thinking(String text, String signature, JsonObject extra) implements ContentPart {
        public Thinking {
            Objects.requireNonNull(text, "text");
            extra = extra == null ? new JsonObject() : extra;
        }

        public Thinking(String text, String signature) {
            this(text, signature, null);
        }
    }

    /**
     * Reasoning the provider encrypted ({@code data} is opaque): it must be sent back unchanged in
     * later turns, to the same provider.
     */
    record RedactedThinking(String data) implements ContentPart {
        public RedactedThinking {
            Objects.requireNonNull(data, "data");
        }
    }

    /**
     * A document (a PDF, a text file) given to the model whole. Exactly one of {@code data}
     * (base64), {@code text} (plain text) and {@code url} is set.
     *
     * @param mediaType the document's type ({@code application/pdf}, {@code text/plain}), or
     *     {@code null} for a {@code url} whose type the upstream finds out
     * @param title the document's name or title, or {@code null}
     * @param extra fields of this block the gateway does not understand, as the client sent them;
     *     forwarded only to an upstream of the same dialect ({@link ChatRequest#dialect()})
     */
    record Document(String mediaType, String data, String text, String url, String title, JsonObject extra)
            implements ContentPart {
        public Document {
            int sources = (data == null ? 0 : 1) + (text == null ? 0 : 1) + (url == null ? 0 : 1);
            if (sources != 1) {
                throw new IllegalArgumentException("a document has exactly one of data, text and url");
            }
            extra = extra == null ? new JsonObject() : extra;
        }
    }
}
