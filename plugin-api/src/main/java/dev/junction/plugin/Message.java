package dev.junction.plugin;

import java.util.List;
import java.util.Objects;

/**
 * One turn of a conversation. Tool results travel as {@link ContentPart.ToolResult} parts of a
 * {@link Role#USER} message, tool calls as {@link ContentPart.ToolCall} parts of an
 * {@link Role#ASSISTANT} message.
 *
 * @since 1.0.0
 */
public record Message(Role role, List<ContentPart> content) {

    /**
     * Who spoke a message. The request's leading system instructions live in
     * {@link ChatRequest#system()}; a {@link #SYSTEM} message is an instruction given later, at that
     * point of the conversation (Anthropic's mid-conversation system messages, an OpenAI system or
     * developer message after the first turn). A backend that cannot place one there keeps its
     * meaning as best it can (for example as a marked user turn), never drops it silently.
     */
    public enum Role {
        USER,
        ASSISTANT,
        SYSTEM
    }

    public Message {
        Objects.requireNonNull(role, "role");
        content = List.copyOf(content);
    }

    /** A message of a single text part. */
    public static Message text(Role role, String text) {
        return new Message(role, List.of(new ContentPart.Text(text)));
    }

    /** The concatenated text of this message's text parts. */
    public String text() {
        if (content.size() == 1 && content.get(0) instanceof ContentPart.Text only) {
            return only.text(); // the common case, without a copy of what may be a long text
        }
        StringBuilder out = new StringBuilder();
        for (ContentPart part : content) {
            if (part instanceof ContentPart.Text text) {
                out.append(text.text());
            }
        }
        return out.toString();
    }
}
