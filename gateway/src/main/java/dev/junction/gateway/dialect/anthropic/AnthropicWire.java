package dev.junction.gateway.dialect.anthropic;

import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.FinishReason;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.ThreadLocalRandom;

/** The pieces of a Messages API answer that the whole-response and streaming encoders share. */
final class AnthropicWire {

    private static final String ID_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private AnthropicWire() {}

    /**
     * A fresh message id shaped like the API's: {@code msg_} and 24 letters and digits. An id guards
     * nothing: a fast random source will do.
     */
    static String newMessageId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder id = new StringBuilder("msg_");
        for (int i = 0; i < 24; i++) {
            id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }

    /** A redacted thinking block: the provider's encrypted reasoning, passed back unchanged. */
    static JsonObject redactedThinkingBlock(String data) {
        return new JsonObject().put("type", "redacted_thinking").put("data", data == null ? "" : data);
    }

    static String stopReason(FinishReason reason) {
        return switch (reason) {
            case END_TURN -> "end_turn";
            case MAX_TOKENS -> "max_tokens";
            case STOP_SEQUENCE -> "stop_sequence";
            case TOOL_USE -> "tool_use";
            case REFUSAL -> "refusal";
        };
    }

    /** The usage object; Anthropic's {@code input_tokens} excludes cache tokens, as the canonical count does. */
    static JsonObject usage(ChatEvent.Usage usage) {
        return new JsonObject()
                .put("input_tokens", usage.inputTokens())
                .put("output_tokens", usage.outputTokens())
                .put("cache_creation_input_tokens", usage.cacheWriteTokens())
                .put("cache_read_input_tokens", usage.cacheReadTokens());
    }

    static JsonObject textBlock(String text) {
        return new JsonObject().put("type", "text").put("text", text);
    }

    /** A tool_use block; the API marks calls the model made itself with a {@code direct} caller. */
    static JsonObject toolUseBlock(String id, String name, JsonObject input) {
        return new JsonObject()
                .put("type", "tool_use")
                .put("id", id)
                .put("name", name)
                .put("input", input)
                .put("caller", new JsonObject().put("type", "direct"));
    }

    /** A thinking block; a missing signature is written as the empty string the API's schema requires. */
    static JsonObject thinkingBlock(String thinking, String signature) {
        return new JsonObject()
                .put("type", "thinking")
                .put("thinking", thinking)
                .put("signature", signature == null ? "" : signature);
    }

    /** A tool call's arguments as the {@code input} object, or an empty object when they are not one. */
    static JsonObject toolInput(String arguments) {
        try {
            return Json.decodeValue(arguments) instanceof JsonObject input ? input : new JsonObject();
        } catch (DecodeException e) {
            return new JsonObject();
        }
    }
}
