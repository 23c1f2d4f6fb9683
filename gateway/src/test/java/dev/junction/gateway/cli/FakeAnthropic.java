package dev.junction.gateway.cli;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A fake Anthropic Messages API, as Claude Code uses it: {@code HEAD /} (its connectivity probe)
 * gets 404; {@code POST /v1/messages} (with {@code ?beta=true}) gets the message as JSON, or with
 * {@code "stream": true} the SSE sequence message_start, content_block_start, ping,
 * content_block_delta (text_delta) per delta, content_block_stop, message_delta (end_turn, usage),
 * message_stop. A call of a tool queued with {@link #nextToolUse} is answered instead as the real API
 * answers one: a tool_use block whose input arrives as input_json_delta pieces, and stop reason
 * tool_use. A request the real API refuses for its tools or tool results ({@link AnthropicToolRules})
 * or its extended thinking ({@link AnthropicThinkingRules}) gets its 400; anything else a 404 error.
 */
public final class FakeAnthropic extends FakeUpstream {

    /** A tool call to answer with: the tool's name and its input. */
    private record ToolUse(String name, JsonObject input) {}

    private final Queue<ToolUse> toolUses = new ConcurrentLinkedQueue<>();

    private FakeAnthropic() {}

    public static FakeAnthropic start() {
        return new FakeAnthropic().listen(FakeAnthropic.class);
    }

    /** The text of the call's last message (text blocks joined by newlines). */
    @Override
    public String userText(RecordedRequest call) {
        JsonArray messages = call.json().getJsonArray("messages", new JsonArray());
        return messages.isEmpty() ? "" : text(messages.getJsonObject(messages.size() - 1).getValue("content"));
    }

    /** Answers the next model call with a call of tool {@code name} with {@code input}; later calls as before. */
    public void nextToolUse(String name, JsonObject input) {
        toolUses.add(new ToolUse(name, input));
    }

    /** The text of every tool_result block in the call's messages, in order. */
    public List<String> toolResults(RecordedRequest call) {
        List<String> results = new ArrayList<>();
        JsonArray messages = call.json().getJsonArray("messages", new JsonArray());
        for (int i = 0; i < messages.size(); i++) {
            if (messages.getJsonObject(i).getValue("content") instanceof JsonArray blocks) {
                for (int j = 0; j < blocks.size(); j++) {
                    if (blocks.getValue(j) instanceof JsonObject block && "tool_result".equals(block.getString("type"))) {
                        results.add(text(block.getValue("content")));
                    }
                }
            }
        }
        return results;
    }

    /** The call's {@code system} text (blocks joined by newlines). */
    @Override
    public String systemText(RecordedRequest call) {
        return text(call.json().getValue("system"));
    }

    private static String text(Object content) {
        if (content instanceof String text) {
            return text;
        }
        StringBuilder text = new StringBuilder();
        if (content instanceof JsonArray blocks) {
            for (int i = 0; i < blocks.size(); i++) {
                if (blocks.getValue(i) instanceof JsonObject block && "text".equals(block.getString("type"))) {
                    text.append(text.isEmpty() ? "" : "\n").append(block.getString("text"));
                }
            }
        }
        return text.toString();
    }

    @Override
    protected void handle(HttpServerRequest request, RecordedRequest recorded) {
        if (request.method() == HttpMethod.HEAD) {
            request.response().setStatusCode(404).end();
            return;
        }
        if (request.method() != HttpMethod.POST || !request.path().equals("/v1/messages")) {
            json(request, 404, error("not_found_error", "Not found: " + request.method() + " " + request.path()));
            return;
        }
        JsonObject body = recorded.json();
        Optional<String> refused = AnthropicToolRules.violation(body).or(() -> AnthropicThinkingRules.violation(body));
        if (refused.isPresent()) {
            json(request, 400, error("invalid_request_error", refused.get()));
            return;
        }
        String model = body.getString("model", "claude-stub");
        String id = "msg_stub_" + nextId();
        StubReply reply = reply();
        ToolUse toolUse = toolUses.poll();
        JsonObject block = toolUse == null
                ? new JsonObject().put("type", "text").put("text", reply.text())
                : new JsonObject()
                        .put("type", "tool_use")
                        .put("id", "toolu_stub_" + nextId())
                        .put("name", toolUse.name())
                        .put("input", toolUse.input());
        String stopReason = toolUse == null ? "end_turn" : "tool_use";
        JsonObject message = new JsonObject()
                .put("id", id)
                .put("type", "message")
                .put("role", "assistant")
                .put("model", model)
                .put("content", new JsonArray().add(block))
                .put("stop_reason", stopReason)
                .putNull("stop_sequence")
                .put("usage", usage(reply.inputTokens(), reply.outputTokens()));
        if (!body.getBoolean("stream", false)) {
            json(request, 200, message);
            return;
        }
        JsonObject emptyBlock = toolUse == null ? block.copy().put("text", "") : block.copy().put("input", new JsonObject());
        List<String> head = List.of(
                event("message_start", new JsonObject().put("type", "message_start").put("message", message.copy()
                        .put("content", new JsonArray())
                        .putNull("stop_reason")
                        .put("usage", usage(reply.inputTokens(), 1)))),
                event("content_block_start", new JsonObject()
                        .put("type", "content_block_start")
                        .put("index", 0)
                        .put("content_block", emptyBlock)),
                event("ping", new JsonObject().put("type", "ping")));
        List<JsonObject> pieces = toolUse == null
                ? reply.deltas().stream().map(text -> new JsonObject().put("type", "text_delta").put("text", text)).toList()
                : jsonPieces(toolUse.input().encode());
        List<String> deltas = pieces.stream()
                .map(delta -> event("content_block_delta", new JsonObject()
                        .put("type", "content_block_delta")
                        .put("index", 0)
                        .put("delta", delta)))
                .toList();
        List<String> tail = List.of(
                event("content_block_stop", new JsonObject().put("type", "content_block_stop").put("index", 0)),
                event("message_delta", new JsonObject()
                        .put("type", "message_delta")
                        .put("delta", new JsonObject().put("stop_reason", stopReason).putNull("stop_sequence"))
                        .put("usage", new JsonObject().put("output_tokens", reply.outputTokens()))),
                event("message_stop", new JsonObject().put("type", "message_stop")));
        stream(request, reply, head, deltas, tail);
    }

    /** {@code json} as the real API streams a tool's input: an empty first piece, then chunks of a few characters. */
    private static List<JsonObject> jsonPieces(String json) {
        List<JsonObject> pieces = new ArrayList<>();
        pieces.add(new JsonObject().put("type", "input_json_delta").put("partial_json", ""));
        for (int i = 0; i < json.length(); i += 7) {
            pieces.add(new JsonObject()
                    .put("type", "input_json_delta")
                    .put("partial_json", json.substring(i, Math.min(json.length(), i + 7))));
        }
        return pieces;
    }

    private static JsonObject usage(int input, int output) {
        return new JsonObject()
                .put("input_tokens", input)
                .put("cache_creation_input_tokens", 0)
                .put("cache_read_input_tokens", 0)
                .put("output_tokens", output);
    }

    private static JsonObject error(String type, String message) {
        return new JsonObject().put("type", "error").put("error", new JsonObject().put("type", type).put("message", message));
    }
}
