package dev.junction.plugins.openai;

import static dev.junction.plugins.openai.JsonFields.integer;
import static dev.junction.plugins.openai.JsonFields.nonEmpty;
import static dev.junction.plugins.openai.JsonFields.object;
import static dev.junction.plugins.openai.JsonFields.parse;
import static dev.junction.plugins.openai.JsonFields.string;

import dev.junction.http.SseEvent;
import dev.junction.http.SseHandler;
import dev.junction.plugin.BackendException;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.FinishReason;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;

/**
 * Turns a streamed Responses API answer into canonical events. {@code response.created} starts
 * the message; each output item is one block, in order: a {@code message}'s
 * {@code response.output_text.delta} (and {@code response.refusal.delta}) a text block, a
 * {@code function_call}'s {@code response.function_call_arguments.delta} a tool call block, a
 * {@code custom_tool_call}'s input a tool call block whose arguments are {@code {"input": "..."}},
 * a call of a tool of a {@code namespace} is named {@code <namespace>__<name>} as the Responses
 * dialect names it; a {@code reasoning} item's summary or reasoning text a thinking block, signed at
 * {@code response.output_item.done} with the item's {@code encrypted_content} (a redacted thinking
 * block when there was no text). {@code response.completed} or {@code response.incomplete} give the
 * usage and the finish; {@code response.failed} and {@code error} fail the stream, classified as
 * the chat path's errors ({@link StreamErrors}). Other events are ignored, and so are the items of
 * tools the upstream runs itself ({@code web_search_call}, ...).
 *
 * <p>An item whose content did not stream (or a whole, non-streamed response: {@link #response})
 * is read from its {@code output_item.done}. Stateful: one per request, fed on one thread at a time.
 */
final class ResponsesStreamDecoder implements SseHandler {

    private final String backendId;
    private final String requestedModel;
    private final Blocks blocks = new Blocks();
    private boolean started;
    private boolean ended;
    private boolean toolUse;
    private boolean refused;
    /** Whether the current output item's content arrived as deltas. */
    private boolean streamed;
    private int summaryIndex;
    /** The block of the current item's tool call, or -1. */
    private int callBlock = -1;

    /**
     * @param backendId named in the messages of failures
     * @param requestedModel the model of the message when the upstream names none
     */
    ResponsesStreamDecoder(String backendId, String requestedModel) {
        this.backendId = backendId;
        this.requestedModel = requestedModel;
    }

    @Override
    public void onEvent(SseEvent event, Consumer<ChatEvent> out) {
        String data = event.data().strip();
        if (ended || data.isEmpty() || data.equals("[DONE]")) {
            return;
        }
        try {
            JsonObject json = parse(data);
            String type = string(json, "type");
            event(type != null ? type : String.valueOf(event.event()), json, out);
        } catch (BackendException e) {
            fail(ChatEvent.Failed.of(e.kind(), prefix() + e.getMessage()), out);
        }
    }

    @Override
    public ChatEvent onEnd(boolean clean) {
        ended = true;
        return ChatEvent.Failed.of(
                ErrorKind.UPSTREAM,
                prefix() + "the upstream stream ended before its finish" + (clean ? "" : " (the connection broke)"));
    }

    /** Decodes a whole, non-streamed response object into the events its stream would give. */
    void response(JsonObject response, Consumer<ChatEvent> out) {
        start(response, out);
        if (response.getValue("output") instanceof JsonArray output) {
            for (Object item : output) {
                if (item instanceof JsonObject object) {
                    itemAdded(object, out);
                    itemDone(object, out);
                }
            }
        }
        end(response, out);
    }

    private void event(String type, JsonObject event, Consumer<ChatEvent> out) {
        switch (type) {
            case "response.created", "response.in_progress" -> start(object(event, "response"), out);
            case "response.output_item.added" -> itemAdded(object(event, "item"), out);
            case "response.output_text.delta" -> text(event, out);
            case "response.refusal.delta" -> {
                refused = true;
                text(event, out);
            }
            case "response.function_call_arguments.delta" -> arguments(nonEmpty(event, "delta"), out);
            case "response.custom_tool_call_input.delta" -> arguments(escaped(nonEmpty(event, "delta")), out);
            case "response.reasoning_summary_text.delta" -> summary(event, out);
            case "response.reasoning_text.delta" -> thinking(nonEmpty(event, "delta"), out);
            case "response.output_item.done" -> itemDone(object(event, "item"), out);
            case "response.completed", "response.incomplete" -> end(object(event, "response"), out);
            case "response.failed" -> fail(StreamErrors.failure(backendId, object(object(event, "response"), "error")), out);
            case "error" -> fail(StreamErrors.failure(backendId, event.getValue("error") instanceof JsonObject error ? error : event), out);
            default -> {
                // progress and content-part bookkeeping, and events of built-in tools: nothing canonical
            }
        }
    }

    private void start(JsonObject response, Consumer<ChatEvent> out) {
        if (!started) {
            started = true;
            String model = nonEmpty(response, "model");
            out.accept(new ChatEvent.MessageStart(nonEmpty(response, "id"), model != null ? model : requestedModel));
        }
    }

    private void itemAdded(JsonObject item, Consumer<ChatEvent> out) {
        start(new JsonObject(), out);
        streamed = false;
        summaryIndex = 0;
        callBlock = -1;
        String type = string(item, "type");
        if ("function_call".equals(type) || "custom_tool_call".equals(type)) {
            String id = nonEmpty(item, "call_id");
            String name = nonEmpty(item, "name");
            if (name != null) {
                name = ResponsesInput.canonicalName(nonEmpty(item, "namespace"), name);
            }
            if (id == null || name == null) {
                throw new BackendException(ErrorKind.UPSTREAM, "the upstream sent a " + type + " without call_id or name");
            }
            callBlock = blocks.startToolCall(id, name, out);
            toolUse = true;
            if ("custom_tool_call".equals(type)) {
                out.accept(new ChatEvent.ToolArgumentsDelta(callBlock, "{\"input\":\""));
            }
        }
    }

    private void text(JsonObject event, Consumer<ChatEvent> out) {
        String delta = nonEmpty(event, "delta");
        if (delta != null) {
            start(new JsonObject(), out);
            streamed = true;
            blocks.text(delta, out);
        }
    }

    private void arguments(String delta, Consumer<ChatEvent> out) {
        if (delta != null && callBlock >= 0) {
            streamed = true;
            out.accept(new ChatEvent.ToolArgumentsDelta(callBlock, delta));
        }
    }

    /** Summary parts of one item are one thinking block, a blank line apart. */
    private void summary(JsonObject event, Consumer<ChatEvent> out) {
        int index = integer(event, "summary_index");
        String delta = nonEmpty(event, "delta");
        if (delta != null && index != summaryIndex && streamed) {
            delta = "\n\n" + delta;
        }
        summaryIndex = index;
        thinking(delta, out);
    }

    private void thinking(String delta, Consumer<ChatEvent> out) {
        if (delta != null) {
            start(new JsonObject(), out);
            streamed = true;
            blocks.thinking(delta, out);
        }
    }

    /** Ends the item's block; what did not stream is read from the item now. */
    private void itemDone(JsonObject item, Consumer<ChatEvent> out) {
        String type = string(item, "type");
        if ("message".equals(type)) {
            if (!streamed) {
                messageContent(item, out);
            }
            blocks.close(out);
        } else if ("function_call".equals(type) || "custom_tool_call".equals(type)) {
            doneCall(item, "custom_tool_call".equals(type), out);
        } else if ("reasoning".equals(type)) {
            if (!streamed) {
                reasoningText(item, out);
            }
            String encrypted = nonEmpty(item, "encrypted_content");
            if (encrypted != null) {
                blocks.signature(encrypted, out);
            }
            blocks.close(out);
        }
        streamed = false;
    }

    private void messageContent(JsonObject item, Consumer<ChatEvent> out) {
        if (item.getValue("content") instanceof JsonArray content) {
            for (Object entry : content) {
                if (entry instanceof JsonObject part) {
                    String text = "refusal".equals(part.getValue("type")) ? nonEmpty(part, "refusal") : nonEmpty(part, "text");
                    refused |= "refusal".equals(part.getValue("type")) && text != null;
                    if (text != null) {
                        blocks.text(text, out);
                    }
                }
            }
        }
    }

    private void reasoningText(JsonObject item, Consumer<ChatEvent> out) {
        Object parts = item.getValue("summary") instanceof JsonArray summary && !summary.isEmpty()
                ? summary
                : item.getValue("content");
        if (parts instanceof JsonArray array) {
            StringBuilder text = new StringBuilder();
            for (Object entry : array) {
                String piece = entry instanceof JsonObject part ? nonEmpty(part, "text") : null;
                if (piece != null) {
                    text.append(text.isEmpty() ? "" : "\n\n").append(piece);
                }
            }
            thinking(text.isEmpty() ? null : text.toString(), out);
        }
    }

    private void doneCall(JsonObject item, boolean custom, Consumer<ChatEvent> out) {
        if (callBlock < 0) {
            itemAdded(item, out);
        }
        if (!streamed) {
            arguments(custom ? escaped(nonEmpty(item, "input")) : nonEmpty(item, "arguments"), out);
        }
        if (custom) {
            out.accept(new ChatEvent.ToolArgumentsDelta(callBlock, "\"}"));
        }
        blocks.close(out);
        callBlock = -1;
    }

    /** {@code text} as the inside of a JSON string, without the quotes. */
    private static String escaped(String text) {
        if (text == null) {
            return null;
        }
        String quoted = Json.encode(text);
        return quoted.substring(1, quoted.length() - 1);
    }

    /**
     * The usage, then the finish: {@code incomplete} for {@code max_output_tokens} is
     * {@code MAX_TOKENS}, for {@code content_filter} {@code REFUSAL}; a completed answer with tool
     * calls is {@code TOOL_USE}, with a refusal {@code REFUSAL}.
     */
    private void end(JsonObject response, Consumer<ChatEvent> out) {
        start(response, out);
        blocks.close(out);
        if (response.getValue("usage") instanceof JsonObject usage) {
            int cached = integer(object(usage, "input_tokens_details"), "cached_tokens");
            out.accept(new ChatEvent.Usage(
                    Math.max(0, integer(usage, "input_tokens") - cached),
                    integer(usage, "output_tokens"),
                    cached,
                    0,
                    integer(object(usage, "output_tokens_details"), "reasoning_tokens")));
        }
        FinishReason reason;
        if ("incomplete".equals(response.getValue("status"))) {
            String why = string(object(response, "incomplete_details"), "reason");
            reason = "content_filter".equals(why) ? FinishReason.REFUSAL : FinishReason.MAX_TOKENS;
        } else if ("failed".equals(response.getValue("status"))) {
            fail(StreamErrors.failure(backendId, object(response, "error")), out);
            return;
        } else {
            reason = refused ? FinishReason.REFUSAL : toolUse ? FinishReason.TOOL_USE : FinishReason.END_TURN;
        }
        ended = true;
        out.accept(ChatEvent.Finish.of(reason));
    }

    private void fail(ChatEvent.Failed failed, Consumer<ChatEvent> out) {
        ended = true;
        out.accept(failed);
    }

    private String prefix() {
        return "backend '" + backendId + "': ";
    }
}
