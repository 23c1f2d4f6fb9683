package dev.junction.gateway.cli;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A fake OpenAI Responses API, as Codex uses it: {@code POST /v1/responses} with
 * {@code "stream": true} gets response.created, response.output_item.added (a message),
 * response.output_text.delta per delta, response.output_item.done (the message with its
 * output_text), response.completed (with usage); without it, the response object as JSON.
 * After {@link #replyToolCall}, the next call instead gets a reasoning item (encrypted, without
 * summary) and a function call whose arguments stream in two deltas. Anything else gets a 404 error.
 */
public final class FakeOpenAiResponses extends FakeUpstream {

    /** The {@code encrypted_content} of the reasoning item before a tool call. */
    public static final String ENCRYPTED_REASONING = "gAAAAABpNf3kStubReasoningQ2xR7vYtN1bq8ZJm0cW5uE4sD9aH6fG3kL2pO1iU8yT7==";

    private final AtomicReference<JsonObject> toolCall = new AtomicReference<>();

    private FakeOpenAiResponses() {}

    public static FakeOpenAiResponses start() {
        return new FakeOpenAiResponses().listen(FakeOpenAiResponses.class);
    }

    /** The text of every user message in the call's {@code input}, joined by newlines. */
    @Override
    public String userText(RecordedRequest call) {
        return texts(call, "user");
    }

    /** The call's {@code instructions} and the text of its developer and system messages. */
    @Override
    public String systemText(RecordedRequest call) {
        String instructions = call.json().getString("instructions");
        String messages = texts(call, "developer") + "\n" + texts(call, "system");
        return instructions == null ? messages : instructions + "\n" + messages;
    }

    private static String texts(RecordedRequest call, String role) {
        List<String> texts = new ArrayList<>();
        JsonArray input = call.json().getJsonArray("input", new JsonArray());
        for (int i = 0; i < input.size(); i++) {
            if (!(input.getValue(i) instanceof JsonObject item) || !role.equals(item.getString("role"))) {
                continue;
            }
            Object content = item.getValue("content");
            if (content instanceof String text) {
                texts.add(text);
            } else if (content instanceof JsonArray parts) {
                for (int j = 0; j < parts.size(); j++) {
                    if (parts.getValue(j) instanceof JsonObject part && part.getString("text") != null) {
                        texts.add(part.getString("text"));
                    }
                }
            }
        }
        return String.join("\n", texts);
    }

    /**
     * Answer the next model call with a call of {@code name} with {@code arguments} (JSON text),
     * call id {@code call_stub_<n>}, after a reasoning item; the calls after it get the reply again.
     */
    public void replyToolCall(String name, String arguments) {
        toolCall.set(new JsonObject().put("name", name).put("arguments", arguments));
    }

    @Override
    protected void handle(HttpServerRequest request, RecordedRequest recorded) {
        if (request.method() != HttpMethod.POST || !request.path().equals("/v1/responses")) {
            json(request, 404, new JsonObject().put("error", new JsonObject()
                    .put("message", "Not found: " + request.method() + " " + request.path())
                    .put("type", "invalid_request_error")));
            return;
        }
        JsonObject body = recorded.json();
        StubReply reply = reply();
        int n = nextId();
        JsonObject call = toolCall.getAndSet(null);
        if (call != null) {
            toolCall(request, body, call, n);
            return;
        }
        String responseId = "resp_stub_" + n;
        String itemId = "msg_stub_" + n;
        JsonObject response = new JsonObject()
                .put("id", responseId)
                .put("object", "response")
                .put("created_at", System.currentTimeMillis() / 1000)
                .put("model", body.getString("model", "gpt-stub"));
        JsonObject message = new JsonObject()
                .put("id", itemId)
                .put("type", "message")
                .put("role", "assistant")
                .put("status", "completed")
                .put("content", new JsonArray().add(new JsonObject()
                        .put("type", "output_text")
                        .put("text", reply.text())
                        .put("annotations", new JsonArray())));
        JsonObject completed = response.copy()
                .put("status", "completed")
                .put("output", new JsonArray().add(message))
                .put("usage", new JsonObject()
                        .put("input_tokens", reply.inputTokens())
                        .put("input_tokens_details", new JsonObject().put("cached_tokens", 0))
                        .put("output_tokens", reply.outputTokens())
                        .put("output_tokens_details", new JsonObject().put("reasoning_tokens", 0))
                        .put("total_tokens", reply.totalTokens()));
        if (!body.getBoolean("stream", false)) {
            json(request, 200, completed);
            return;
        }
        int[] sequence = {0};
        List<String> head = List.of(
                frame("response.created", sequence, new JsonObject().put("response",
                        response.copy().put("status", "in_progress").put("output", new JsonArray()))),
                frame("response.output_item.added", sequence, new JsonObject()
                        .put("output_index", 0)
                        .put("item", message.copy().put("status", "in_progress").put("content", new JsonArray()))));
        List<String> deltas = new ArrayList<>();
        for (String text : reply.deltas()) {
            deltas.add(frame("response.output_text.delta", sequence, new JsonObject()
                    .put("item_id", itemId)
                    .put("output_index", 0)
                    .put("content_index", 0)
                    .put("delta", text)));
        }
        List<String> tail = List.of(
                frame("response.output_item.done", sequence, new JsonObject().put("output_index", 0).put("item", message)),
                frame("response.completed", sequence, new JsonObject().put("response", completed)));
        stream(request, reply, head, deltas, tail);
    }

    private void toolCall(HttpServerRequest request, JsonObject body, JsonObject call, int n) {
        String arguments = call.getString("arguments");
        JsonObject reasoning = new JsonObject()
                .put("id", "rs_stub_" + n)
                .put("type", "reasoning")
                .put("summary", new JsonArray())
                .put("encrypted_content", ENCRYPTED_REASONING);
        JsonObject function = new JsonObject()
                .put("id", "fc_stub_" + n)
                .put("type", "function_call")
                .put("status", "completed")
                .put("arguments", arguments)
                .put("call_id", "call_stub_" + n)
                .put("name", call.getString("name"));
        JsonObject completed = new JsonObject()
                .put("id", "resp_stub_" + n)
                .put("object", "response")
                .put("created_at", System.currentTimeMillis() / 1000)
                .put("model", body.getString("model", "gpt-stub"))
                .put("status", "completed")
                .put("output", new JsonArray().add(reasoning).add(function))
                .put("usage", new JsonObject()
                        .put("input_tokens", 40)
                        .put("input_tokens_details", new JsonObject().put("cached_tokens", 0))
                        .put("output_tokens", 30)
                        .put("output_tokens_details", new JsonObject().put("reasoning_tokens", 16))
                        .put("total_tokens", 70));
        if (!body.getBoolean("stream", false)) {
            json(request, 200, completed);
            return;
        }
        int[] sequence = {0};
        int half = arguments.length() / 2;
        List<String> frames = List.of(
                frame("response.created", sequence, new JsonObject().put("response",
                        completed.copy().put("status", "in_progress").put("output", new JsonArray()).putNull("usage"))),
                frame("response.output_item.added", sequence, new JsonObject().put("output_index", 0)
                        .put("item", reasoning.copy().putNull("encrypted_content"))),
                frame("response.output_item.done", sequence, new JsonObject().put("output_index", 0).put("item", reasoning)),
                frame("response.output_item.added", sequence, new JsonObject().put("output_index", 1)
                        .put("item", function.copy().put("status", "in_progress").put("arguments", ""))),
                frame("response.function_call_arguments.delta", sequence, new JsonObject()
                        .put("item_id", function.getString("id")).put("output_index", 1).put("delta", arguments.substring(0, half))),
                frame("response.function_call_arguments.delta", sequence, new JsonObject()
                        .put("item_id", function.getString("id")).put("output_index", 1).put("delta", arguments.substring(half))),
                frame("response.function_call_arguments.done", sequence, new JsonObject()
                        .put("item_id", function.getString("id")).put("output_index", 1).put("arguments", arguments)),
                frame("response.output_item.done", sequence, new JsonObject().put("output_index", 1).put("item", function)),
                frame("response.completed", sequence, new JsonObject().put("response", completed)));
        stream(request, StubReply.HELLO, frames, List.of(), List.of());
    }

    private static String frame(String type, int[] sequence, JsonObject fields) {
        return event(type, new JsonObject().put("type", type).put("sequence_number", sequence[0]++).mergeIn(fields));
    }
}
