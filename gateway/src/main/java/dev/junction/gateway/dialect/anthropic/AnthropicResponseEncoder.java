package dev.junction.gateway.dialect.anthropic;

import dev.junction.gateway.dialect.ChatResult;
import dev.junction.gateway.dialect.DecodedRequest;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ContentPart;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Encodes a complete answer as a Messages API {@code message} object. */
final class AnthropicResponseEncoder {

    private AnthropicResponseEncoder() {}

    static JsonObject encode(ChatResult result, DecodedRequest request) {
        JsonArray content = new JsonArray();
        result.content().forEach(part -> content.add(block(part)));
        ChatEvent.Usage usage = result.usage() == null ? ChatEvent.Usage.of(0, 0) : result.usage();
        return new JsonObject()
                .put("id", result.id() == null ? AnthropicWire.newMessageId() : result.id())
                .put("type", "message")
                .put("role", "assistant")
                .put("model", result.model() == null ? request.request().model() : result.model())
                .put("content", content)
                .put("stop_reason", AnthropicWire.stopReason(result.finishReason()))
                .put("stop_sequence", result.stopSequence())
                .put("usage", AnthropicWire.usage(usage));
    }

    private static JsonObject block(ContentPart part) {
        if (part instanceof ContentPart.Text text) {
            return AnthropicWire.textBlock(text.text());
        }
        if (part instanceof ContentPart.ToolCall call) {
            return AnthropicWire.toolUseBlock(call.id(), call.name(), AnthropicWire.toolInput(call.arguments()));
        }
        if (part instanceof ContentPart.Thinking thinking) {
            return AnthropicWire.thinkingBlock(thinking.text(), thinking.signature());
        }
        if (part instanceof ContentPart.RedactedThinking redacted) {
            return AnthropicWire.redactedThinkingBlock(redacted.data());
        }
        throw new IllegalArgumentException(
                "an answer holds no " + part.getClass().getSimpleName() + " parts");
    }
}
