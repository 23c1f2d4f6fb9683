package dev.junction.gateway.cli;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A fake Gemini API (v1beta), as Gemini CLI uses it: {@code POST
 * /v1beta/models/<model>:streamGenerateContent?alt=sse} gets one {@code data:} chunk per delta
 * (candidates[0].content.parts[0].text), the last with finishReason STOP and the usage;
 * {@code :generateContent} gets the whole answer as JSON, or, when the CLI asks for JSON output
 * (its model-routing call for model {@code auto}), a routing decision. Anything else gets a 404
 * error.
 */
public final class FakeGemini extends FakeUpstream {

    private static final String MODELS = "/v1beta/models/";

    private FakeGemini() {}

    public static FakeGemini start() {
        return new FakeGemini().listen(FakeGemini.class);
    }

    /** The text parts of the call's user turns, joined by newlines. */
    @Override
    public String userText(RecordedRequest call) {
        List<String> texts = new ArrayList<>();
        JsonArray contents = call.json().getJsonArray("contents", new JsonArray());
        for (int i = 0; i < contents.size(); i++) {
            if (contents.getValue(i) instanceof JsonObject content && "user".equals(content.getString("role"))) {
                texts.add(parts(content));
            }
        }
        return String.join("\n", texts);
    }

    /** The text parts of the call's {@code systemInstruction}. */
    @Override
    public String systemText(RecordedRequest call) {
        JsonObject instruction = call.json().getJsonObject("systemInstruction");
        return instruction == null ? "" : parts(instruction);
    }

    private static String parts(JsonObject content) {
        List<String> texts = new ArrayList<>();
        JsonArray parts = content.getJsonArray("parts", new JsonArray());
        for (int i = 0; i < parts.size(); i++) {
            if (parts.getValue(i) instanceof JsonObject part && part.getString("text") != null) {
                texts.add(part.getString("text"));
            }
        }
        return String.join("\n", texts);
    }

    @Override
    protected void handle(HttpServerRequest request, RecordedRequest recorded) {
        String path = request.path();
        int colon = path.lastIndexOf(':');
        if (request.method() != HttpMethod.POST || !path.startsWith(MODELS) || colon < MODELS.length()) {
            notFound(request);
            return;
        }
        String model = path.substring(MODELS.length(), colon);
        String method = path.substring(colon + 1);
        StubReply reply = reply();
        String responseId = "stub-" + nextId();
        if (method.equals("generateContent")) {
            JsonObject config = recorded.json().getJsonObject("generationConfig", new JsonObject());
            String text = "application/json".equals(config.getString("responseMimeType"))
                    ? new JsonObject().put("complexity_reasoning", "stub").put("complexity_score", 10).encode()
                    : reply.text();
            json(request, 200, chunk(text, true, reply, model, responseId));
        } else if (method.equals("streamGenerateContent")) {
            List<String> deltas = new ArrayList<>();
            for (int i = 0; i < reply.deltas().size(); i++) {
                boolean last = i == reply.deltas().size() - 1;
                deltas.add(data(chunk(reply.deltas().get(i), last, reply, model, responseId)));
            }
            stream(request, reply, List.of(), deltas, List.of());
        } else {
            notFound(request);
        }
    }

    private static JsonObject chunk(String text, boolean last, StubReply reply, String model, String responseId) {
        JsonObject candidate = new JsonObject().put("content", new JsonObject()
                .put("role", "model")
                .put("parts", new JsonArray().add(new JsonObject().put("text", text))));
        JsonObject usage = new JsonObject().put("promptTokenCount", reply.inputTokens());
        if (last) {
            candidate.put("finishReason", "STOP");
            usage.put("candidatesTokenCount", reply.outputTokens()).put("totalTokenCount", reply.totalTokens());
        } else {
            usage.put("totalTokenCount", reply.inputTokens());
        }
        return new JsonObject()
                .put("candidates", new JsonArray().add(candidate.put("index", 0)))
                .put("usageMetadata", usage)
                .put("modelVersion", model)
                .put("responseId", responseId);
    }

    private static void notFound(HttpServerRequest request) {
        json(request, 404, new JsonObject().put("error", new JsonObject()
                .put("code", 404)
                .put("message", "Not found: " + request.method() + " " + request.path())
                .put("status", "NOT_FOUND")));
    }
}
