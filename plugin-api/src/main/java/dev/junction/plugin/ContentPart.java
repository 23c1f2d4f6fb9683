package dev.junction.plugin;

import java.util.List;
import java.util.Objects;

/** A piece of a message's content. */
public sealed interface ContentPart {

    /** Plain text. */
    record Text(String text) implements ContentPart {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * An image, either inline ({@code data} is base64, {@code mediaType} set) or by reference
     * ({@code url} set, the other two {@code null}).
     */
    record Image(String mediaType, String data, String url) implements ContentPart {
        public Image {
            if ((data == null) == (url == null)) {
                throw new IllegalArgumentException("an image has either data or a url");
            }
        }
    }

    /**
     * The model's call of a tool.
     *
     * @param id the call's id, passed through unchanged across dialects
     * @param arguments the arguments as JSON text, exactly as the model produced them
     */
    record ToolCall(String id, String name, String arguments) implements ContentPart {
        public ToolCall {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            arguments = arguments == null || arguments.isEmpty() ? "{}" : arguments;
        }
    }

    /** The result of a tool call, answering the call with id {@code toolCallId}. */
    record ToolResult(String toolCallId, List<ContentPart> content, boolean error) implements ContentPart {
        public ToolResult {
            Objects.requireNonNull(toolCallId, "toolCallId");
            content = List.copyOf(content);
        }
    }

    /**
     * The model's visible reasoning. {@code signature} (may be {@code null}) must be sent back
     * unchanged in later turns for providers that verify it.
     */
    record Thinking(String text, String signature) implements ContentPart {
        public Thinking {
            Objects.requireNonNull(text, "text");
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
}
