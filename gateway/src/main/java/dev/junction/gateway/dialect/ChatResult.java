package dev.junction.gateway.dialect;

import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ContentPart;
import dev.junction.plugin.FinishReason;
import java.util.List;

/**
 * A complete, successful answer: what a non-streaming response encodes.
 *
 * @param id the answer's id as the backend gave it, or {@code null}: the dialect then makes one
 * @param model the model name the backend reported
 * @param content the answer's blocks in order: {@link ContentPart.Text},
 *     {@link ContentPart.ToolCall}, {@link ContentPart.Thinking} and {@link ContentPart.RedactedThinking}
 * @param stopSequence the stop sequence that ended the answer, or {@code null}
 */
public record ChatResult(
        String id,
        String model,
        List<ContentPart> content,
        FinishReason finishReason,
        String stopSequence,
        ChatEvent.Usage usage) {

    public ChatResult {
        content = List.copyOf(content);
    }
}
