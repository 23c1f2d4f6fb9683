package dev.junction.gateway.bus;

import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.FinishReason;
import io.vertx.core.json.JsonObject;

/**
 * The wire form of a {@link ChatEvent} on the event bus: plain JSON with a {@code type} key, so
 * that events cross cluster nodes. {@link #decode} inverts {@link #encode} exactly.
 */
public final class EventWire {

    private EventWire() {}

    public static JsonObject encode(ChatEvent event) {
        if (event instanceof ChatEvent.TextDelta delta) {
            return typed("text").put("index", delta.index()).put("text", delta.text());
        } else if (event instanceof ChatEvent.ToolArgumentsDelta delta) {
            return typed("tool_args").put("index", delta.index()).put("json", delta.json());
        } else if (event instanceof ChatEvent.ThinkingDelta delta) {
            return Json.compact(typed("thinking")
                    .put("index", delta.index())
                    .put("text", delta.text())
                    .put("signature", delta.signature()));
        } else if (event instanceof ChatEvent.MessageStart start) {
            return Json.compact(typed("message_start").put("id", start.id()).put("model", start.model()));
        } else if (event instanceof ChatEvent.BlockStart start) {
            return Json.compact(typed("block_start")
                    .put("index", start.index())
                    .put("kind", start.kind().name())
                    .put("toolCallId", start.toolCallId())
                    .put("toolName", start.toolName()));
        } else if (event instanceof ChatEvent.BlockStop stop) {
            return typed("block_stop").put("index", stop.index());
        } else if (event instanceof ChatEvent.Usage usage) {
            return typed("usage")
                    .put("input", usage.inputTokens())
                    .put("output", usage.outputTokens())
                    .put("cacheRead", usage.cacheReadTokens())
                    .put("cacheWrite", usage.cacheWriteTokens())
                    .put("reasoning", usage.reasoningTokens());
        } else if (event instanceof ChatEvent.Finish finish) {
            return Json.compact(typed("finish")
                    .put("reason", finish.reason().name())
                    .put("stopSequence", finish.stopSequence()));
        } else if (event instanceof ChatEvent.Relayed relayed) {
            return typed("relayed").put("bytes", relayed.bytes());
        } else if (event instanceof ChatEvent.Failed failed) {
            return Json.compact(typed("failed")
                    .put("kind", failed.kind().name())
                    .put("message", failed.message())
                    .put("retryAfter", failed.retryAfterSeconds()));
        }
        throw new IllegalArgumentException("unknown event " + event);
    }

    /** @throws IllegalArgumentException when {@code json} is no event of this wire form */
    public static ChatEvent decode(JsonObject json) {
        String type = json.getString("type");
        return switch (type == null ? "" : type) {
            case "text" -> new ChatEvent.TextDelta(json.getInteger("index"), json.getString("text"));
            case "tool_args" -> new ChatEvent.ToolArgumentsDelta(json.getInteger("index"), json.getString("json"));
            case "thinking" -> new ChatEvent.ThinkingDelta(
                    json.getInteger("index"), json.getString("text"), json.getString("signature"));
            case "message_start" -> new ChatEvent.MessageStart(json.getString("id"), json.getString("model"));
            case "block_start" -> new ChatEvent.BlockStart(
                    json.getInteger("index"),
                    ChatEvent.BlockKind.valueOf(json.getString("kind")),
                    json.getString("toolCallId"),
                    json.getString("toolName"));
            case "block_stop" -> new ChatEvent.BlockStop(json.getInteger("index"));
            case "usage" -> new ChatEvent.Usage(
                    json.getInteger("input"),
                    json.getInteger("output"),
                    json.getInteger("cacheRead"),
                    json.getInteger("cacheWrite"),
                    json.getInteger("reasoning", 0));
            case "finish" -> new ChatEvent.Finish(
                    FinishReason.valueOf(json.getString("reason")), json.getString("stopSequence"));
            case "failed" -> new ChatEvent.Failed(
                    ErrorKind.valueOf(json.getString("kind")), json.getString("message"), json.getInteger("retryAfter"));
            case "relayed" -> new ChatEvent.Relayed(json.getBuffer("bytes"));
            default -> throw new IllegalArgumentException("not a chat event: " + json.encode());
        };
    }

    private static JsonObject typed(String type) {
        return new JsonObject().put("type", type);
    }
}
