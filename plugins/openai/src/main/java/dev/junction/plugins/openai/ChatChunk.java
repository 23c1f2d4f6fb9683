package dev.junction.plugins.openai;

import static dev.junction.plugins.openai.JsonFields.integer;
import static dev.junction.plugins.openai.JsonFields.nonEmpty;
import static dev.junction.plugins.openai.JsonFields.string;

import dev.junction.plugin.ChatEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link ChatStreamDecoder} reads of one {@code chat.completion.chunk}, and nothing else: read
 * from a streamed chunk's text by {@link ChunkReader}, or from a whole {@code chat.completion} by
 * {@link #ofCompletion}, whose message is read as one delta. Fields are read leniently: a missing or
 * mistyped one is {@code null} (a string), 0 (a number) or left out (an array element).
 *
 * @param id the chunk's id, {@code null} when missing or empty
 * @param model the chunk's model, {@code null} when missing or empty
 * @param hasChoices whether {@code choices} is an array with at least one element
 * @param firstChoices the elements of {@code choices} that are objects with index 0 (a missing
 *     index is 0), in their order
 * @param usage the canonical usage of the chunk's {@code usage} object, or {@code null}
 * @param error the chunk's non-null {@code error} value ({@code JsonObject}, string...), or {@code null}
 */
record ChatChunk(
        String id, String model, boolean hasChoices, List<Choice> firstChoices, ChatEvent.Usage usage, Object error) {

    /**
     * @param delta the choice's {@code delta}, or {@code null} when it is not an object
     * @param finishReason the choice's {@code finish_reason} when it is a string
     */
    record Choice(Delta delta, String finishReason) {}

    /**
     * @param reasoning {@code reasoning_content} (DeepSeek, vLLM) or else {@code reasoning} (Ollama,
     *     OpenRouter, Groq, newer vLLM), {@code null} when both are missing or empty
     * @param content {@code content} when it is a string, maybe empty
     * @param refusal {@code refusal} when it is a string, maybe empty
     * @param toolCalls the object entries of {@code tool_calls}
     */
    record Delta(String reasoning, String content, String refusal, List<ToolCallPiece> toolCalls) {}

    /**
     * One entry of {@code tool_calls}.
     *
     * @param index its {@code index}, or its position in the array when it has no numeric one
     */
    record ToolCallPiece(int index, String id, String name, String arguments) {}

    /**
     * A whole, non-streamed {@code chat.completion} as the one chunk its stream would have been:
     * each choice's message is its delta, its tool calls numbered in their order.
     */
    static ChatChunk ofCompletion(JsonObject completion) {
        List<Choice> first = new ArrayList<>(1);
        boolean any = false;
        if (completion.getValue("choices") instanceof JsonArray answered) {
            for (Object item : answered) {
                if (item instanceof JsonObject choice && choice.getValue("message") instanceof JsonObject message) {
                    any = true;
                    if (integer(choice, "index") == 0) {
                        first.add(new Choice(
                                delta(message), choice.getValue("finish_reason") instanceof String r ? r : null));
                    }
                }
            }
        }
        ChatEvent.Usage usage =
                completion.getValue("usage") instanceof JsonObject counts ? usage(counts) : null;
        return new ChatChunk(nonEmpty(completion, "id"), nonEmpty(completion, "model"), any, first, usage, null);
    }

    private static Delta delta(JsonObject message) {
        List<ToolCallPiece> calls = new ArrayList<>();
        if (message.getValue("tool_calls") instanceof JsonArray array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.getValue(i) instanceof JsonObject call) {
                    JsonObject function = call.getValue("function") instanceof JsonObject f ? f : new JsonObject();
                    calls.add(new ToolCallPiece(
                            i, string(call, "id"), string(function, "name"), string(function, "arguments")));
                }
            }
        }
        String reasoning = nonEmpty(message, "reasoning_content");
        return new Delta(
                reasoning != null ? reasoning : nonEmpty(message, "reasoning"),
                string(message, "content"),
                string(message, "refusal"),
                calls);
    }

    /** The canonical usage of a {@code usage} object. */
    static ChatEvent.Usage usage(JsonObject counts) {
        return usage(
                integer(counts, "prompt_tokens"),
                integer(counts, "completion_tokens"),
                counts.getValue("prompt_tokens_details") instanceof JsonObject details
                        ? integer(details, "cached_tokens")
                        : 0,
                counts.getValue("completion_tokens_details") instanceof JsonObject details
                        ? integer(details, "reasoning_tokens")
                        : 0);
    }

    /**
     * The canonical usage of OpenAI's counts: its {@code prompt_tokens} include the cached ones, the
     * canonical input does not; its {@code completion_tokens} include the reasoning ones, like the
     * canonical output.
     */
    static ChatEvent.Usage usage(int prompt, int completion, int cached, int reasoning) {
        return new ChatEvent.Usage(Math.max(0, prompt - cached), completion, cached, 0, reasoning);
    }
}
