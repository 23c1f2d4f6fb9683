package dev.junction.plugins.anthropic;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Prompt-cache breakpoints for a client that cannot place Anthropic's own: an OpenAI client's
 * request reaches the Messages API with {@code cache_control: {type: ephemeral}} on its stable
 * prefix, so that an agent's long, repeated prefix is read from the cache on its next turn, as it
 * would be from OpenAI's automatic prefix cache. Pure; it edits the body it is given.
 *
 * <p>The breakpoints, at most {@value #MAX_BREAKPOINTS} (the API's limit): the last tool, the last
 * system block, the last block of the final message (the whole conversation so far, which the next
 * turn repeats) and the last block of the user turn before it (the API looks for an earlier entry
 * only 20 blocks back from a breakpoint, and a turn of many tool calls can add more). Thinking
 * blocks cannot carry one, so a message's last other block does. A body that already has a
 * {@code cache_control} anywhere (placed by the client) is left as it is.
 */
final class CacheBreakpoints {

    /** How many breakpoints the Messages API accepts in one request. */
    static final int MAX_BREAKPOINTS = 4;

    static final String FIELD = "cache_control";

    private CacheBreakpoints() {}

    /** Adds the breakpoints to {@code body}, a Messages API request, unless it has its own. */
    static void place(JsonObject body) {
        if (hasOwn(body)) {
            return;
        }
        List<JsonObject> marked = new ArrayList<>();
        add(marked, last(body.getValue("tools")));
        add(marked, lastSystemBlock(body));
        JsonArray messages = body.getJsonArray("messages", new JsonArray());
        int last = messages.size() - 1;
        if (last >= 0) {
            add(marked, lastCacheable(messages.getJsonObject(last)));
            for (int i = last - 1; i >= 0; i--) {
                if ("user".equals(messages.getJsonObject(i).getString("role"))) {
                    add(marked, lastCacheable(messages.getJsonObject(i)));
                    break;
                }
            }
        }
        marked.stream().limit(MAX_BREAKPOINTS).forEach(block -> block.put(FIELD, ephemeral()));
    }

    private static JsonObject ephemeral() {
        return new JsonObject().put("type", "ephemeral");
    }

    /** Adds {@code block} once: the same block (by identity: equal blocks may stand in two turns) is marked once. */
    private static void add(List<JsonObject> marked, JsonObject block) {
        if (block != null && marked.stream().noneMatch(other -> other == block)) {
            marked.add(block);
        }
    }

    /** The system as blocks (a plain string becomes one text block), and its last one. */
    private static JsonObject lastSystemBlock(JsonObject body) {
        Object system = body.getValue("system");
        if (system instanceof String text) {
            JsonObject block = new JsonObject().put("type", "text").put("text", text);
            body.put("system", new JsonArray().add(block));
            return block;
        }
        return last(system);
    }

    private static JsonObject lastCacheable(JsonObject message) {
        JsonArray blocks = message.getJsonArray("content", new JsonArray());
        for (int i = blocks.size() - 1; i >= 0; i--) {
            JsonObject block = blocks.getJsonObject(i);
            String type = block.getString("type");
            if (!"thinking".equals(type) && !"redacted_thinking".equals(type)) {
                return block;
            }
        }
        return null;
    }

    private static JsonObject last(Object value) {
        return value instanceof JsonArray array && !array.isEmpty() && array.getValue(array.size() - 1) instanceof JsonObject block
                ? block
                : null;
    }

    /** Whether any tool, system block, message block or tool result block (or the request) has one. */
    private static boolean hasOwn(JsonObject body) {
        return body.containsKey(FIELD)
                || anyHas(body.getValue("tools"))
                || anyHas(body.getValue("system"))
                || body.getJsonArray("messages", new JsonArray()).stream()
                        .anyMatch(message -> message instanceof JsonObject turn && anyHas(turn.getValue("content")));
    }

    private static boolean anyHas(Object blocks) {
        if (!(blocks instanceof JsonArray array)) {
            return false;
        }
        for (Object entry : array) {
            if (entry instanceof JsonObject block && (block.containsKey(FIELD) || anyHas(block.getValue("content")))) {
                return true;
            }
        }
        return false;
    }
}
