package dev.junction.gateway.dialect.openai;

import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.FinishReason;
import io.vertx.core.json.JsonObject;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** Pieces shared by the completion and the chunk objects: ids, finish reasons, usage, tool calls. */
final class OpenAiWire {

    private OpenAiWire() {}

    private static final HexFormat HEX = HexFormat.of();

    /**
     * A fresh completion id (128 random bits in hex), for answers whose backend gave none. An id
     * guards nothing: a fast random source will do.
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "chatcmpl-" + HEX.toHexDigits(random.nextLong()) + HEX.toHexDigits(random.nextLong());
    }

    static String finishReason(FinishReason reason) {
        return switch (reason) {
            case END_TURN, STOP_SEQUENCE -> "stop";
            case MAX_TOKENS -> "length";
            case TOOL_USE -> "tool_calls";
            case REFUSAL -> "content_filter";
        };
    }

    /**
     * The usage object. OpenAI's {@code prompt_tokens} include cached tokens, the canonical input
     * count does not: cache reads and writes are added back, and reads are reported as cached.
     */
    static JsonObject usage(ChatEvent.Usage usage) {
        int prompt = usage.inputTokens() + usage.cacheReadTokens() + usage.cacheWriteTokens();
        return new JsonObject()
                .put("prompt_tokens", prompt)
                .put("completion_tokens", usage.outputTokens())
                .put("total_tokens", prompt + usage.outputTokens())
                .put("prompt_tokens_details", new JsonObject().put("cached_tokens", usage.cacheReadTokens()))
                .put("completion_tokens_details", new JsonObject().put("reasoning_tokens", usage.reasoningTokens()));
    }

    /** A {@code function} tool call as it appears in a message or a chunk's delta. */
    static JsonObject functionCall(String id, String name, String arguments) {
        return new JsonObject()
                .put("id", id)
                .put("type", "function")
                .put("function", new JsonObject().put("name", name).put("arguments", arguments));
    }
}
