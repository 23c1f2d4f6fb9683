package dev.junction.gateway.dialect.anthropic;

import dev.junction.gateway.dialect.JsonText;
import dev.junction.gateway.dialect.SseFrame;
import dev.junction.gateway.dialect.StreamEncoder;
import dev.junction.plugin.ChatEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Encodes one answer as the Messages API's named server-sent events: {@code message_start}, per
 * block {@code content_block_start} / {@code content_block_delta}* / {@code content_block_stop}, a
 * {@code ping} after the first block start, then {@code message_delta} and {@code message_stop}; or
 * a single {@code error} event. Nothing is written after the terminal event.
 *
 * <p>{@link ChatEvent.MessageStart} is held back until the next event, so that a {@link
 * ChatEvent.Usage} right behind it fills {@code message_start}'s input tokens. A stream that starts
 * without {@code MessageStart} gets one made up; blocks left open at the end are closed. Not
 * thread-safe, like every {@link StreamEncoder}.
 */
final class AnthropicStreamEncoder implements StreamEncoder {

    private static final SseFrame PING = new SseFrame("ping", "{\"type\":\"ping\"}");
    private static final SseFrame MESSAGE_STOP = new SseFrame("message_stop", "{\"type\":\"message_stop\"}");

    private final String requestedModel;
    private final Set<Integer> openBlocks = new LinkedHashSet<>();
    private final Set<Integer> heldRedacted = new LinkedHashSet<>();
    private ChatEvent.MessageStart heldStart;
    private ChatEvent.Usage usage = ChatEvent.Usage.of(0, 0);
    private boolean started;
    private boolean pinged;
    private boolean done;

    /** @param requestedModel the model to report when the backend names none */
    AnthropicStreamEncoder(String requestedModel) {
        this.requestedModel = requestedModel;
    }

    @Override
    public List<SseFrame> encode(ChatEvent event) {
        if (done) {
            return List.of();
        }
        List<SseFrame> frames = new ArrayList<>(3);
        if (event instanceof ChatEvent.Failed failed) {
            done = true;
            int status = AnthropicErrors.status(failed.kind());
            return List.of(new SseFrame(
                    "error", AnthropicErrors.body(status, failed.message()).encode()));
        } else if (event instanceof ChatEvent.MessageStart start) {
            if (!started && heldStart == null) {
                heldStart = start;
            }
        } else if (event instanceof ChatEvent.Usage latest) {
            usage = latest;
            if (heldStart != null) {
                start(frames);
            }
        } else {
            start(frames);
            content(event, frames);
        }
        return frames;
    }

    private void content(ChatEvent event, List<SseFrame> frames) {
        if (event instanceof ChatEvent.BlockStart start) {
            if (start.kind() == ChatEvent.BlockKind.REDACTED_THINKING) {
                heldRedacted.add(start.index()); // its start carries the data, which comes next
            } else {
                startBlock(start.index(), startBlock(start), frames);
            }
        } else if (event instanceof ChatEvent.ThinkingDelta delta && heldRedacted.remove(delta.index())) {
            startBlock(delta.index(), AnthropicWire.redactedThinkingBlock(delta.signature()), frames);
        } else if (event instanceof ChatEvent.TextDelta delta) {
            frames.add(delta(delta.index(), "text_delta", "text", delta.text()));
        } else if (event instanceof ChatEvent.ToolArgumentsDelta delta) {
            frames.add(delta(delta.index(), "input_json_delta", "partial_json", delta.json()));
        } else if (event instanceof ChatEvent.ThinkingDelta delta) {
            if (delta.text() != null) {
                frames.add(delta(delta.index(), "thinking_delta", "thinking", delta.text()));
            }
            if (delta.signature() != null) {
                frames.add(delta(delta.index(), "signature_delta", "signature", delta.signature()));
            }
        } else if (event instanceof ChatEvent.BlockStop stop) {
            stop(stop.index(), frames);
        } else if (event instanceof ChatEvent.Finish finish) {
            finish(finish, frames);
        }
    }

    private void startBlock(int index, JsonObject contentBlock, List<SseFrame> frames) {
        openBlocks.add(index);
        frames.add(frame(block("content_block_start", index).put("content_block", contentBlock)));
        if (!pinged) {
            pinged = true;
            frames.add(PING);
        }
    }

    /** Writes message_start once: the held start, or a made-up one if the backend sent none. */
    private void start(List<SseFrame> frames) {
        if (started) {
            return;
        }
        started = true;
        String id = heldStart == null || heldStart.id() == null ? AnthropicWire.newMessageId() : heldStart.id();
        String model = heldStart == null || heldStart.model() == null ? requestedModel : heldStart.model();
        heldStart = null;
        JsonObject message = new JsonObject()
                .put("id", id)
                .put("type", "message")
                .put("role", "assistant")
                .put("model", model)
                .put("content", new JsonArray())
                .put("stop_reason", null)
                .put("stop_sequence", null)
                .put("usage", AnthropicWire.usage(usage));
        frames.add(frame(data("message_start").put("message", message)));
    }

    private void stop(int index, List<SseFrame> frames) {
        if (openBlocks.remove(index)) {
            frames.add(new SseFrame(
                    "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + index + "}"));
        }
    }

    private void finish(ChatEvent.Finish finish, List<SseFrame> frames) {
        done = true;
        new ArrayList<>(openBlocks).forEach(index -> stop(index, frames));
        JsonObject delta = new JsonObject()
                .put("stop_reason", AnthropicWire.stopReason(finish.reason()))
                .put("stop_sequence", finish.stopSequence());
        frames.add(frame(data("message_delta").put("delta", delta).put("usage", AnthropicWire.usage(usage))));
        frames.add(MESSAGE_STOP);
    }

    private static JsonObject startBlock(ChatEvent.BlockStart start) {
        return switch (start.kind()) {
            case TEXT -> AnthropicWire.textBlock("");
            case TOOL_CALL -> AnthropicWire.toolUseBlock(start.toolCallId(), start.toolName(), new JsonObject());
            case THINKING -> AnthropicWire.thinkingBlock("", "");
            case REDACTED_THINKING -> throw new IllegalStateException("held until its data arrives");
        };
    }

    private static JsonObject block(String event, int index) {
        return data(event).put("index", index);
    }

    /**
     * A {@code content_block_delta} frame, the stream's usual event: written into its template
     * rather than built as a tree, the same text {@link #frame} would make of it.
     */
    private static SseFrame delta(int index, String type, String field, String value) {
        StringBuilder data = new StringBuilder((value == null ? 0 : value.length()) + 90)
                .append("{\"type\":\"content_block_delta\",\"index\":")
                .append(index)
                .append(",\"delta\":{\"type\":\"")
                .append(type)
                .append("\",\"")
                .append(field)
                .append("\":");
        JsonText.string(data, value).append("}}");
        return new SseFrame("content_block_delta", data.toString());
    }

    /** The data of an {@code event} frame: the event name as its {@code type}, first, as the API writes it. */
    private static JsonObject data(String event) {
        return new JsonObject().put("type", event);
    }

    /** The frame named by the {@code type} of {@code data}, made with {@link #data}. */
    private static SseFrame frame(JsonObject data) {
        return new SseFrame(data.getString("type"), data.encode());
    }
}
