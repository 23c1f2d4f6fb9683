package dev.junction.plugins.anthropic;

import dev.junction.http.SseEvent;
import dev.junction.http.SseHandler;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.FinishReason;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The Messages API's stream as canonical events. One per request; called on one thread at a time.
 *
 * <p>{@code message_start} gives {@link ChatEvent.MessageStart} and the first {@link ChatEvent.Usage};
 * each content block gives {@link ChatEvent.BlockStart}, its deltas and {@link ChatEvent.BlockStop};
 * {@code message_delta} gives the latest usage and the stop reason that {@code message_stop} ends
 * with; {@code error} fails the stream with the kind of its type; {@code ping} and event types this
 * class does not know are ignored, as the API's versioning policy asks of clients. Blocks of types
 * the canonical model has no place for (server tool use and results) are skipped whole; the others
 * keep the upstream's order, numbered from 0, so without skipped blocks the indexes are the
 * upstream's own.
 */
final class MessagesStream implements SseHandler {

    private final String backendId;
    private final Map<Integer, Integer> blocks = new HashMap<>();
    private int nextBlock;
    private int inputTokens;
    private int outputTokens;
    private int cacheReadTokens;
    private int cacheWriteTokens;
    private String stopReason;
    private String stopSequence;

    /** @param backendId named in failure messages */
    MessagesStream(String backendId) {
        this.backendId = backendId;
    }

    @Override
    public void onEvent(SseEvent event, Consumer<ChatEvent> events) {
        if ("content_block_delta".equals(event.event())) { // the usual event: read without a tree
            BlockDelta delta = BlockDelta.read(event.data());
            if (delta == null) {
                events.accept(notAnObject("content_block_delta"));
            } else {
                blockDelta(delta, events);
            }
            return;
        }
        JsonObject data = Json.parseObject(event.data());
        String type = event.event() != null ? event.event() : data == null ? null : Json.string(data, "type");
        if (type == null) {
            events.accept(failure(ErrorKind.UPSTREAM, "sent an event that is neither named nor JSON"));
            return;
        }
        if (type.equals("ping") || !known(type)) {
            return;
        }
        if (data == null) {
            events.accept(notAnObject(type));
            return;
        }
        switch (type) {
            case "message_start" -> messageStart(Json.object(data, "message"), events);
            case "content_block_start" -> blockStart(data, events);
            case "content_block_delta" -> blockDelta(BlockDelta.of(data), events);
            case "content_block_stop" -> blockStop(data, events);
            case "message_delta" -> messageDelta(data, events);
            case "message_stop" -> events.accept(finish());
            default -> events.accept(error(Json.object(data, "error")));
        }
    }

    @Override
    public ChatEvent onEnd(boolean clean) {
        return failure(
                ErrorKind.UPSTREAM,
                clean ? "ended the stream before message_stop" : "broke off the stream before message_stop");
    }

    private static boolean known(String type) {
        return switch (type) {
            case "message_start", "content_block_start", "content_block_delta", "content_block_stop",
                    "message_delta", "message_stop", "error" -> true;
            default -> false;
        };
    }

    private void messageStart(JsonObject message, Consumer<ChatEvent> events) {
        events.accept(new ChatEvent.MessageStart(Json.string(message, "id"), Json.string(message, "model")));
        if (message.getValue("usage") instanceof JsonObject usage) {
            events.accept(usage(usage));
        }
    }

    private void blockStart(JsonObject data, Consumer<ChatEvent> events) {
        Integer upstream = Json.integer(data, "index");
        JsonObject block = Json.object(data, "content_block");
        String type = Json.string(block, "type");
        if (upstream == null || type == null) {
            return;
        }
        int index = nextBlock;
        switch (type) {
            case "text" -> {
                events.accept(ChatEvent.BlockStart.text(index));
                String text = Json.string(block, "text");
                if (text != null && !text.isEmpty()) {
                    events.accept(new ChatEvent.TextDelta(index, text));
                }
            }
            case "tool_use" -> {
                String id = Json.string(block, "id");
                String name = Json.string(block, "name");
                if (id == null || name == null) {
                    events.accept(failure(ErrorKind.UPSTREAM, "started a tool_use block without an id or a name"));
                    return;
                }
                events.accept(ChatEvent.BlockStart.toolCall(index, id, name));
                JsonObject input = Json.object(block, "input");
                if (!input.isEmpty()) {
                    events.accept(new ChatEvent.ToolArgumentsDelta(index, input.encode()));
                }
            }
            case "thinking" -> {
                events.accept(ChatEvent.BlockStart.thinking(index));
                String text = nonEmpty(Json.string(block, "thinking"));
                String signature = nonEmpty(Json.string(block, "signature"));
                if (text != null || signature != null) {
                    events.accept(new ChatEvent.ThinkingDelta(index, text, signature));
                }
            }
            case "redacted_thinking" -> {
                events.accept(new ChatEvent.BlockStart(index, ChatEvent.BlockKind.REDACTED_THINKING, null, null));
                events.accept(new ChatEvent.ThinkingDelta(index, null, Json.string(block, "data")));
            }
            default -> {
                return;
            }
        }
        blocks.put(upstream, index);
        nextBlock++;
    }

    private void blockDelta(BlockDelta delta, Consumer<ChatEvent> events) {
        Integer index = blocks.get(delta.index());
        if (index == null || delta.type() == null) {
            return;
        }
        switch (delta.type()) {
            case "text_delta" -> emitIfAny(delta.value(), text -> new ChatEvent.TextDelta(index, text), events);
            case "input_json_delta" ->
                emitIfAny(delta.value(), json -> new ChatEvent.ToolArgumentsDelta(index, json), events);
            case "thinking_delta" ->
                emitIfAny(delta.value(), text -> new ChatEvent.ThinkingDelta(index, text, null), events);
            case "signature_delta" ->
                emitIfAny(delta.value(), sig -> new ChatEvent.ThinkingDelta(index, null, sig), events);
            default -> {
                // citations_delta and newer delta types: nothing in the canonical model carries them
            }
        }
    }

    private void blockStop(JsonObject data, Consumer<ChatEvent> events) {
        Integer index = blocks.remove(Json.integer(data, "index"));
        if (index != null) {
            events.accept(new ChatEvent.BlockStop(index));
        }
    }

    private void messageDelta(JsonObject data, Consumer<ChatEvent> events) {
        JsonObject delta = Json.object(data, "delta");
        if (delta.getValue("stop_reason") instanceof String reason) {
            stopReason = reason;
            stopSequence = Json.string(delta, "stop_sequence");
        }
        if (data.getValue("usage") instanceof JsonObject usage) {
            events.accept(usage(usage));
        }
    }

    /** The counts in {@code usage} over the ones seen before: {@code message_delta} may give only some. */
    private ChatEvent.Usage usage(JsonObject usage) {
        inputTokens = count(usage, "input_tokens", inputTokens);
        outputTokens = count(usage, "output_tokens", outputTokens);
        cacheReadTokens = count(usage, "cache_read_input_tokens", cacheReadTokens);
        cacheWriteTokens = count(usage, "cache_creation_input_tokens", cacheWriteTokens);
        return new ChatEvent.Usage(inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens, 0);
    }

    private ChatEvent finish() {
        FinishReason reason = AnthropicCodes.finishReason(stopReason);
        return new ChatEvent.Finish(reason, reason == FinishReason.STOP_SEQUENCE ? stopSequence : null);
    }

    /**
     * An {@code error} event. As for an HTTP error ({@link dev.junction.http.UpstreamFailures}), the
     * message is the upstream's own, prefixed with the backend's name where the failure is the
     * gateway's rather than the caller's.
     */
    private ChatEvent error(JsonObject error) {
        String type = Json.string(error, "type");
        String message = Json.string(error, "message");
        ErrorKind kind = AnthropicCodes.errorKind(type);
        String text = message == null || message.isBlank() ? "no message" : message;
        if (kind == ErrorKind.INVALID_REQUEST || kind == ErrorKind.NOT_FOUND) {
            return ChatEvent.Failed.of(kind, text);
        }
        return ChatEvent.Failed.of(
                kind,
                "backend '" + backendId + "': the upstream failed mid-stream" + (type == null ? "" : " (" + type + ")")
                        + ": " + text);
    }

    private ChatEvent notAnObject(String type) {
        return failure(ErrorKind.UPSTREAM, "sent a " + type + " event whose data is not a JSON object");
    }

    private ChatEvent failure(ErrorKind kind, String problem) {
        return ChatEvent.Failed.of(kind, "backend '" + backendId + "': the upstream " + problem);
    }

    private static int count(JsonObject usage, String key, int previous) {
        Integer value = Json.integer(usage, key);
        return value == null ? previous : value;
    }

    private static String nonEmpty(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    private static void emitIfAny(
            String value, Function<String, ChatEvent> event, Consumer<ChatEvent> events) {
        if (value != null && !value.isEmpty()) {
            events.accept(event.apply(value));
        }
    }
}
