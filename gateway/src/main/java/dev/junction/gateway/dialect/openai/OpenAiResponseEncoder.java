package dev.junction.gateway.dialect.openai;

import dev.junction.gateway.dialect.ChatResult;
import dev.junction.gateway.dialect.DecodedRequest;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ContentPart;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * Encodes a complete answer as a {@code chat.completion} object. Text blocks concatenate into
 * {@code content}; thinking blocks into {@code reasoning_content}, the field OpenAI-compatible
 * servers use, present only when there is reasoning.
 */
final class OpenAiResponseEncoder {

    private OpenAiResponseEncoder() {}

    static JsonObject encode(ChatResult result, DecodedRequest request) {
        JsonObject choice = new JsonObject()
                .put("index", 0)
                .put("message", message(result))
                .put("logprobs", null)
                .put("finish_reason", OpenAiWire.finishReason(result.finishReason()));
        ChatEvent.Usage usage = result.usage() == null ? ChatEvent.Usage.of(0, 0) : result.usage();
        return new JsonObject()
                .put("id", result.id() == null ? OpenAiWire.newId() : result.id())
                .put("object", "chat.completion")
                .put("created", Instant.now().getEpochSecond())
                .put("model", result.model() == null ? request.request().model() : result.model())
                .put("choices", new JsonArray().add(choice))
                .put("usage", OpenAiWire.usage(usage));
    }

    private static JsonObject message(ChatResult result) {
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        boolean hasText = false;
        boolean hasReasoning = false;
        JsonArray toolCalls = new JsonArray();
        for (ContentPart part : result.content()) {
            if (part instanceof ContentPart.Text t) {
                text.append(t.text());
                hasText = true;
            } else if (part instanceof ContentPart.Thinking thinking) {
                reasoning.append(thinking.text());
                hasReasoning = true;
            } else if (part instanceof ContentPart.ToolCall call) {
                toolCalls.add(OpenAiWire.functionCall(call.id(), call.name(), call.arguments()));
            }
        }
        JsonObject message = new JsonObject()
                .put("role", "assistant")
                .put("content", hasText ? text.toString() : null)
                .put("refusal", null);
        if (hasReasoning) {
            message.put("reasoning_content", reasoning.toString());
        }
        if (!toolCalls.isEmpty()) {
            message.put("tool_calls", toolCalls);
        }
        return message;
    }
}
