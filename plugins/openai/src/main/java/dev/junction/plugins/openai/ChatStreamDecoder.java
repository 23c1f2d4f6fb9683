package dev.junction.plugins.openai;

import static dev.junction.plugins.openai.JsonFields.integer;
import static dev.junction.plugins.openai.JsonFields.nonEmpty;
import static dev.junction.plugins.openai.JsonFields.parse;
import static dev.junction.plugins.openai.JsonFields.string;

import dev.junction.http.SseEvent;
import dev.junction.http.SseHandler;
import dev.junction.plugin.BackendException;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.FinishReason;
import io.vertx.core.json.JsonArray;
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
                chunk(parse(data), out);
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
        JsonArray choices = new JsonArray();
        if (completion.getValue("choices") instanceof JsonArray answered) {
            for (Object item : answered) {
                if (item instanceof JsonObject choice && choice.getValue("message") instanceof JsonObject message) {
                    choices.add(new JsonObject()
                            .put("index", choice.getValue("index", 0))
                            .put("delta", asDelta(message))
                            .put("finish_reason", choice.getValue("finish_reason")));
                }
            }
        }
        chunk(new JsonObject()
                        .put("id", completion.getValue("id"))
                        .put("model", completion.getValue("model"))
                        .put("choices", choices)
                        .put("usage", completion.getValue("usage")),
                out);
        if (!ended) {
            end(out);
        }
    }

    private static JsonObject asDelta(JsonObject message) {
        JsonObject delta = message.copy();
        if (delta.getValue("tool_calls") instanceof JsonArray calls) {
            for (int i = 0; i < calls.size(); i++) {
                if (calls.getValue(i) instanceof JsonObject call) {
                    call.put("index", i);
                }
            }
        }
        return delta;
    }

    private void chunk(JsonObject chunk, Consumer<ChatEvent> out) {
        if (chunk.getValue("error") != null) {
            fail(StreamErrors.failure(backendId, chunk.getValue("error")), out);
            return;
        }
        JsonArray choices = chunk.getValue("choices") instanceof JsonArray array ? array : new JsonArray();
        if (!started && (nonEmpty(chunk, "id") != null || !choices.isEmpty())) {
            start(nonEmpty(chunk, "id"), nonEmpty(chunk, "model"), out);
        }
        for (Object choice : choices) {
            if (choice instanceof JsonObject object && integer(object, "index") == 0) {
                choice(object, out);
            }
        }
        if (chunk.getValue("usage") instanceof JsonObject counts) {
            usage = usage(counts);
            if (finish != null) {
                out.accept(usage);
                finish(out);
            }
        }
    }

    private void choice(JsonObject choice, Consumer<ChatEvent> out) {
        if (finish != null) {
            return; // the blocks are closed; nothing of the answer follows its finish reason
        }
        if (choice.getValue("delta") instanceof JsonObject delta) {
            delta(delta, out);
        }
        if (choice.getValue("finish_reason") instanceof String reason) {
            toolCalls.finishAll(out);
            blocks.close(out);
            finish = reason(reason);
            if (usage != null) {
                out.accept(usage);
            }
        }
    }

    private void delta(JsonObject delta, Consumer<ChatEvent> out) {
        String reasoning = nonEmpty(delta, "reasoning_content");
        if (reasoning == null) {
            reasoning = nonEmpty(delta, "reasoning"); // vLLM may send both, the same text: read one
        }
        if (reasoning != null) {
            toolCalls.finishAll(out);
            blocks.thinking(reasoning, out);
        }
        String content = string(delta, "content");
        if (content != null && !content.isEmpty()) {
            toolCalls.finishAll(out);
            blocks.text(content, out);
        }
        String refusal = string(delta, "refusal");
        if (refusal != null && !refusal.isEmpty()) {
            refused = true;
            toolCalls.finishAll(out);
            blocks.text(refusal, out);
        }
        if (delta.getValue("tool_calls") instanceof JsonArray calls) {
            for (int i = 0; i < calls.size(); i++) {
                if (calls.getValue(i) instanceof JsonObject call) {
                    JsonObject function = call.getValue("function") instanceof JsonObject f ? f : new JsonObject();
                    toolCalls.piece(
                            call.getValue("index") instanceof Number n ? n.intValue() : i,
                            string(call, "id"),
                            string(function, "name"),
                            string(function, "arguments"),
                            out);
                }
            }
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

    /**
     * OpenAI's {@code prompt_tokens} include the cached ones, the canonical input does not; its
     * {@code completion_tokens} include the reasoning ones, like the canonical output.
     */
    static ChatEvent.Usage usage(JsonObject counts) {
        int prompt = integer(counts, "prompt_tokens");
        int cached = counts.getValue("prompt_tokens_details") instanceof JsonObject details
                ? integer(details, "cached_tokens")
                : 0;
        int reasoning = counts.getValue("completion_tokens_details") instanceof JsonObject details
                ? integer(details, "reasoning_tokens")
                : 0;
        return new ChatEvent.Usage(
                Math.max(0, prompt - cached), integer(counts, "completion_tokens"), cached, 0, reasoning);
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
