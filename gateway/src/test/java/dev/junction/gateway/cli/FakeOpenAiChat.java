package dev.junction.gateway.cli;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A fake OpenAI Chat Completions API ({@code POST /v1/chat/completions}) for an agent's tool loop.
 * A call whose last message is not a {@code tool} result answers with the {@linkplain #callTool tool
 * call} set by the test, if any; otherwise, and once the tool result came back, with the current
 * {@link StubReply}'s text. With {@code "stream": true} the answer streams as OpenAI does: a role
 * chunk, the content or the call's name and argument pieces, a chunk with {@code finish_reason},
 * a usage chunk with no choices, {@code [DONE]}; without it, one {@code chat.completion}. A tool
 * call's {@code id} is new on each call. Anything else gets a 404 error.
 */
public final class FakeOpenAiChat extends FakeUpstream {

    /** A function call the fake answers with. */
    public record ToolCall(String name, String arguments) {}

    private volatile ToolCall toolCall;

    private FakeOpenAiChat() {}

    public static FakeOpenAiChat start() {
        return new FakeOpenAiChat().listen(FakeOpenAiChat.class);
    }

    /** Answer each call that does not end with a tool result with {@code call}. */
    public void callTool(ToolCall call) {
        this.toolCall = call;
    }

    @Override
    public String userText(RecordedRequest call) {
        return texts(call, "user");
    }

    @Override
    public String systemText(RecordedRequest call) {
        return String.join("\n", texts(call, "system"), texts(call, "developer")).strip();
    }

    /** The content of the call's {@code tool} messages, joined by newlines. */
    public String toolResults(RecordedRequest call) {
        return texts(call, "tool");
    }

    private static String texts(RecordedRequest call, String role) {
        List<String> texts = new ArrayList<>();
        for (Object each : call.json().getJsonArray("messages", new JsonArray())) {
            if (!(each instanceof JsonObject message) || !role.equals(message.getString("role"))) {
                continue;
            }
            Object content = message.getValue("content");
            if (content instanceof String text) {
                texts.add(text);
            } else if (content instanceof JsonArray parts) {
                parts.forEach(part -> texts.add(((JsonObject) part).getString("text", "")));
            }
        }
        return String.join("\n", texts);
    }

    @Override
    protected void handle(HttpServerRequest request, RecordedRequest recorded) {
        if (request.method() != HttpMethod.POST || !request.path().equals("/v1/chat/completions")) {
            json(request, 404, new JsonObject().put("error", new JsonObject()
                    .put("message", "Unknown request URL: " + request.method() + " " + request.path())
                    .put("type", "invalid_request_error")
                    .putNull("param")
                    .put("code", "unknown_url")));
            return;
        }
        JsonObject body = recorded.json();
        JsonArray messages = body.getJsonArray("messages", new JsonArray());
        boolean toolResultLast = !messages.isEmpty()
                && "tool".equals(messages.getJsonObject(messages.size() - 1).getString("role"));
        ToolCall call = toolResultLast ? null : toolCall;
        String id = "chatcmpl-stub" + nextId();
        String callId = "call_stub" + nextId();
        String model = body.getString("model", "gpt-stub");
        StubReply reply = reply();
        String finish = call == null ? "stop" : "tool_calls";
        JsonObject usage = new JsonObject()
                .put("prompt_tokens", reply.inputTokens())
                .put("completion_tokens", reply.outputTokens())
                .put("total_tokens", reply.totalTokens());
        if (!body.getBoolean("stream", false)) {
            JsonObject message = new JsonObject().put("role", "assistant");
            if (call == null) {
                message.put("content", reply.text());
            } else {
                message.putNull("content").put("tool_calls", new JsonArray().add(toolCall(callId, call, call.arguments())));
            }
            json(request, 200, completion(id, model, "chat.completion")
                    .put("choices", new JsonArray().add(new JsonObject()
                            .put("index", 0)
                            .put("message", message.putNull("refusal"))
                            .putNull("logprobs")
                            .put("finish_reason", finish)))
                    .put("usage", usage));
            return;
        }
        List<String> head = new ArrayList<>();
        List<String> deltas = new ArrayList<>();
        if (call == null) {
            head.add(chunk(id, model, new JsonObject().put("role", "assistant").put("content", "").putNull("refusal"), null));
            reply.deltas().forEach(text -> deltas.add(chunk(id, model, new JsonObject().put("content", text), null)));
        } else {
            head.add(chunk(id, model, new JsonObject().put("role", "assistant").putNull("content")
                    .put("tool_calls", new JsonArray().add(toolCall(callId, call, "").put("index", 0))), null));
            String arguments = call.arguments();
            int half = arguments.length() / 2;
            for (String piece : List.of(arguments.substring(0, half), arguments.substring(half))) {
                deltas.add(chunk(id, model, new JsonObject().put("tool_calls", new JsonArray().add(new JsonObject()
                        .put("index", 0)
                        .put("function", new JsonObject().put("arguments", piece)))), null));
            }
        }
        List<String> tail = List.of(
                chunk(id, model, new JsonObject(), finish),
                data(completion(id, model, "chat.completion.chunk").put("choices", new JsonArray()).put("usage", usage)),
                "data: [DONE]\n\n");
        stream(request, reply, head, deltas, tail);
    }

    private static JsonObject toolCall(String id, ToolCall call, String arguments) {
        return new JsonObject()
                .put("id", id)
                .put("type", "function")
                .put("function", new JsonObject().put("name", call.name()).put("arguments", arguments));
    }

    private static JsonObject completion(String id, String model, String object) {
        return new JsonObject()
                .put("id", id)
                .put("object", object)
                .put("created", System.currentTimeMillis() / 1000)
                .put("model", model)
                .put("system_fingerprint", "fp_stub");
    }

    private static String chunk(String id, String model, JsonObject delta, String finishReason) {
        return data(completion(id, model, "chat.completion.chunk").put("choices", new JsonArray().add(new JsonObject()
                .put("index", 0)
                .put("delta", delta)
                .putNull("logprobs")
                .put("finish_reason", finishReason))));
    }
}
