package dev.junction.gateway.cli;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A fake Anthropic Messages API, as Claude Code uses it: {@code HEAD /} (its connectivity probe)
 * gets 404; {@code POST /v1/messages} (with {@code ?beta=true}) gets the message as JSON, or with
 * {@code "stream": true} the SSE sequence message_start, content_block_start, ping,
 * content_block_delta (text_delta) per delta, content_block_stop, message_delta (end_turn, usage),
 * message_stop. Anything else gets a 404 error.
 */
public final class FakeAnthropic extends FakeUpstream {

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
        String model = body.getString("model", "claude-stub");
        String id = "msg_stub_" + nextId();
        StubReply reply = reply();
        if (!body.getBoolean("stream", false)) {
            json(request, 200, new JsonObject()
                    .put("id", id)
                    .put("type", "message")
                    .put("role", "assistant")
                    .put("model", model)
                    .put("content", new JsonArray().add(new JsonObject().put("type", "text").put("text", reply.text())))
                    .put("stop_reason", "end_turn")
                    .putNull("stop_sequence")
                    .put("usage", usage(reply.inputTokens(), reply.outputTokens())));
            return;
        }
        List<String> head = List.of(
                event("message_start", new JsonObject().put("type", "message_start").put("message", new JsonObject()
                        .put("id", id)
                        .put("type", "message")
                        .put("role", "assistant")
                        .put("model", model)
                        .put("content", new JsonArray())
                        .putNull("stop_reason")
                        .putNull("stop_sequence")
                        .put("usage", usage(reply.inputTokens(), 1)))),
                event("content_block_start", new JsonObject()
                        .put("type", "content_block_start")
                        .put("index", 0)
                        .put("content_block", new JsonObject().put("type", "text").put("text", ""))),
                event("ping", new JsonObject().put("type", "ping")));
        List<String> deltas = reply.deltas().stream()
                .map(text -> event("content_block_delta", new JsonObject()
                        .put("type", "content_block_delta")
                        .put("index", 0)
                        .put("delta", new JsonObject().put("type", "text_delta").put("text", text))))
                .toList();
        List<String> tail = List.of(
                event("content_block_stop", new JsonObject().put("type", "content_block_stop").put("index", 0)),
                event("message_delta", new JsonObject()
                        .put("type", "message_delta")
                        .put("delta", new JsonObject().put("stop_reason", "end_turn").putNull("stop_sequence"))
                        .put("usage", new JsonObject().put("output_tokens", reply.outputTokens()))),
                event("message_stop", new JsonObject().put("type", "message_stop")));
        stream(request, reply, head, deltas, tail);
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
