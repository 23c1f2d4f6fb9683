package dev.junction.gateway.dialect.responses;

import dev.junction.gateway.dialect.ChatResult;
import dev.junction.gateway.dialect.DecodedRequest;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ContentPart;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * Encodes a whole answer as a {@code response} object: one output item per block, in order (a
 * {@code message} per text block, a {@code reasoning} item per thinking block, a
 * {@code function_call} or {@code custom_tool_call} per tool call); status {@code completed}, or
 * {@code incomplete} when the answer hit the token limit or was refused.
 */
final class ResponsesResponseEncoder {

    private ResponsesResponseEncoder() {}

    static JsonObject encode(ChatResult result, DecodedRequest decoded) {
        return encode(result, decoded, false);
    }

    /** @param allReasoning whether reasoning items carry their encrypted content even unasked */
    static JsonObject encode(ChatResult result, DecodedRequest decoded, boolean allReasoning) {
        ChatRequest request = decoded.request();
        boolean encrypted = allReasoning || ResponsesOutputItems.includesEncryptedReasoning(request);
        String id = ResponsesOutputItems.responseId(result.id());
        JsonArray output = new JsonArray();
        for (ContentPart part : result.content()) {
            output.add(item(part, id, output.size(), request, encrypted));
        }
        String incomplete = ResponsesEnvelope.incompleteReason(result.finishReason());
        return ResponsesEnvelope.response(
                request,
                id,
                Instant.now().getEpochSecond(),
                result.model() == null ? request.model() : result.model(),
                incomplete == null ? "completed" : "incomplete",
                output,
                result.usage(),
                incomplete,
                null);
    }

    private static JsonObject item(ContentPart part, String id, int index, ChatRequest request, boolean encrypted) {
        if (part instanceof ContentPart.ToolCall call) {
            return ResponsesOutputItems.toolCall(
                    id, index, ResponsesOutputItems.ToolCallTarget.of(call.name(), request), call.id(), call.arguments(), "completed");
        } else if (part instanceof ContentPart.Thinking thinking) {
            JsonArray summary = new JsonArray();
            if (!thinking.text().isEmpty()) {
                summary.add(ResponsesOutputItems.summaryText(thinking.text()));
            }
            return ResponsesOutputItems.reasoning(
                    ResponsesOutputItems.itemId("rs", id, index), summary, thinking.signature(), encrypted);
        } else if (part instanceof ContentPart.RedactedThinking redacted) {
            return ResponsesOutputItems.reasoning(
                    ResponsesOutputItems.itemId("rs", id, index), new JsonArray(), redacted.data(), encrypted);
        }
        String text = part instanceof ContentPart.Text t ? t.text() : "";
        return ResponsesOutputItems.message(
                ResponsesOutputItems.itemId("msg", id, index), "completed", new JsonArray().add(ResponsesOutputItems.outputText(text)));
    }
}
