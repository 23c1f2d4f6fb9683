package dev.junction.plugins.openai;

import dev.junction.http.SseEvent;
import dev.junction.http.SseHandler;
import dev.junction.plugin.BackendException;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.FinishReason;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;

/**
 * Turns a streamed Chat Completions answer ({@code chat.completion.chunk} events, then
 * {@code [DONE]}) into canonical events. The first chunk starts the message; {@code delta.content}
 * and {@code delta.refusal} fill text blocks, {@code delta.reasoning_content} (DeepSeek, vLLM) and
 * {@code delta.reasoning} (Ollama, OpenRouter, Groq, newer vLLM) thinking blocks, and
 * {@code delta.tool_calls} one tool call block per call ({@link ToolCallBlocks}).
 *
 * <p>OpenAI sends {@code finish_reason} one chunk before the usage chunk ({@code choices: []}), so
 * the finish is held until a usage arrives after it, {@code [DONE]}, or the end of the stream.
 * Only choice 0 is read. Stateful: one per request, fed on one thread at a time.
 */
final class ChatStreamDecoder implements SseHandler {

    private final String backendId;
    private final String requestedModel;
    private final Blocks blocks = new Blocks();
    private final ToolCallBlocks toolCalls = new ToolCallBlocks(blocks);
    private boolean started;
    private boolean refused;
    private FinishReason finish;
    private ChatEvent.Usage usage;
    private boolean ended;

    /**
     * @param backendId named in the messages of failures
     * @param requestedModel the model of the message when the chunks carry none
     */
    ChatStreamDecoder(String backendId, String requestedModel) {
        this.backendId = backendId;
        this.requestedModel = requestedModel;
    }

    @Override
    public void onEvent(SseEvent event, Consumer<ChatEvent> out) {
        if (ended) {
            return;
        }
        String data = event.data().strip();
        if (data.isEmpty()) {
            return;
        }
        try {
            if (data.equals("[DONE]")) {
                end(out);
            } else {
                chunk(ChunkReader.read(data), out);
            }
        } catch (BackendException e) {
            fail(ChatEvent.Failed.of(e.kind(), prefix() + e.getMessage()), out);
        }
    }

    @Override
    public ChatEvent onEnd(boolean clean) {
        ended = true;
        if (finish != null) {
            return ChatEvent.Finish.of(finish);
        }
        return ChatEvent.Failed.of(
                ErrorKind.UPSTREAM,
                prefix() + "the upstream stream ended before its finish"
                        + (clean ? "" : " (the connection broke)"));
    }

    /**
     * Decodes a whole, non-streamed {@code chat.completion} into the events its stream would give:
     * each choice's message is read as one delta (tool calls numbered in their order), then the
     * usage and the finish.
     */
    void completion(JsonObject completion, Consumer<ChatEvent> out) {
        chunk(ChatChunk.ofCompletion(completion), out);
        if (!ended) {
            end(out);
        }
    }

    private void chunk(ChatChunk chunk, Consumer<ChatEvent> out) {
        if (chunk.error() != null) {
            fail(StreamErrors.failure(backendId, chunk.error()), out);
            return;
        }
        if (!started && (chunk.id() != null || chunk.hasChoices())) {
            start(chunk.id(), chunk.model(), out);
        }
        for (ChatChunk.Choice choice : chunk.firstChoices()) {
            choice(choice, out);
        }
        if (chunk.usage() != null) {
            usage = chunk.usage();
            if (finish != null) {
                out.accept(usage);
                finish(out);
            }
        }
    }

    private void choice(ChatChunk.Choice choice, Consumer<ChatEvent> out) {
        if (finish != null) {
            return; // the blocks are closed; nothing of the answer follows its finish reason
        }
        if (choice.delta() != null) {
            delta(choice.delta(), out);
        }
        if (choice.finishReason() != null) {
            toolCalls.finishAll(out);
            blocks.close(out);
            finish = reason(choice.finishReason());
            if (usage != null) {
                out.accept(usage);
            }
        }
    }

    private void delta(ChatChunk.Delta delta, Consumer<ChatEvent> out) {
        if (delta.reasoning() != null) { // vLLM may send reasoning_content and reasoning, the same text: one is read
            toolCalls.finishAll(out);
            blocks.thinking(delta.reasoning(), out);
        }
        String content = delta.content();
        if (content != null && !content.isEmpty()) {
            toolCalls.finishAll(out);
            blocks.text(content, out);
        }
        String refusal = delta.refusal();
        if (refusal != null && !refusal.isEmpty()) {
            refused = true;
            toolCalls.finishAll(out);
            blocks.text(refusal, out);
        }
        for (ChatChunk.ToolCallPiece call : delta.toolCalls()) {
            toolCalls.piece(call.index(), call.id(), call.name(), call.arguments(), out);
        }
    }

    /**
     * {@code stop} cannot tell a stop sequence from the model's own end, so it is the end of the
     * turn; after tool calls it is a tool use (some compatible servers say {@code stop} there);
     * after a refusal it is a refusal.
     */
    private FinishReason reason(String reason) {
        FinishReason named = named(reason);
        return named != null ? named : refused ? FinishReason.REFUSAL : toolCalls.any() ? FinishReason.TOOL_USE : FinishReason.END_TURN;
    }

    /** The finish reason an upstream reason names by itself; {@code null} for {@code stop} and the unknown. */
    static FinishReason named(String reason) {
        return switch (reason) {
            case "length" -> FinishReason.MAX_TOKENS;
            case "tool_calls", "function_call" -> FinishReason.TOOL_USE;
            case "content_filter" -> FinishReason.REFUSAL;
            default -> null;
        };
    }

    private void end(Consumer<ChatEvent> out) {
        if (finish != null) {
            finish(out);
        } else {
            fail(ChatEvent.Failed.of(
                            ErrorKind.UPSTREAM,
                            prefix() + "the upstream stream ended before its finish"),
                    out);
        }
    }

    /**
     * Starts the message. Azure's first chunk (empty id and model, no choices, only
     * {@code prompt_filter_results}) does not: the next one has the id.
     */
    private void start(String id, String model, Consumer<ChatEvent> out) {
        started = true;
        out.accept(new ChatEvent.MessageStart(id, model != null ? model : requestedModel));
    }

    private void finish(Consumer<ChatEvent> out) {
        if (!started) {
            start(null, null, out);
        }
        ended = true;
        out.accept(ChatEvent.Finish.of(finish));
    }

    private void fail(ChatEvent.Failed failed, Consumer<ChatEvent> out) {
        ended = true;
        out.accept(failed);
    }

    private String prefix() {
        return "backend '" + backendId + "': ";
    }
}
