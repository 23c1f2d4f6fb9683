package dev.junction.gateway.support;

import com.openai.models.chat.completions.ChatCompletionChunk;
import java.util.List;

/** What a client reads from a streamed OpenAI chat completion, as the official SDK parsed it. */
public final class ChatChunks {

    private ChatChunks() {}

    /** The non-empty text deltas of every choice, in order. */
    public static List<String> textDeltas(List<ChatCompletionChunk> chunks) {
        return chunks.stream()
                .flatMap(chunk -> chunk.choices().stream())
                .flatMap(choice -> choice.delta().content().stream())
                .filter(text -> !text.isEmpty())
                .toList();
    }

    /** The finish reasons of every choice, in order. */
    public static List<ChatCompletionChunk.Choice.FinishReason> finishReasons(List<ChatCompletionChunk> chunks) {
        return chunks.stream().flatMap(chunk -> chunk.choices().stream()).flatMap(c -> c.finishReason().stream()).toList();
    }
}
