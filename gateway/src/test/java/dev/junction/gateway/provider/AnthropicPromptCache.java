package dev.junction.gateway.provider;

import static dev.junction.gateway.provider.Sse.event;

import dev.junction.gateway.provider.FakeProvider.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The Messages API's prompt cache, for a fake Anthropic upstream: a request's prompt is its tools,
 * then its system blocks, then its messages' blocks, in that order; a block with
 * {@code cache_control} is a breakpoint. The prefix up to a breakpoint (at least
 * {@value #MIN_CACHEABLE_TOKENS} tokens) is written to the cache, reported as
 * {@code cache_creation_input_tokens}; a later request whose prompt is byte-identical up to a
 * block at most {@value #LOOKBACK_BLOCKS} blocks before one of its breakpoints reads that prefix,
 * reported as {@code cache_read_input_tokens}. The {@code cache_control} markers themselves are not
 * part of the prefix, as at the real API. Tokens are estimated at four characters each.
 * Thread-safe.
 */
final class AnthropicPromptCache {

    /** The shortest prefix the API caches for Claude Sonnet and Opus. */
    static final int MIN_CACHEABLE_TOKENS = 1024;

    /** How many blocks before a breakpoint the API looks for an earlier entry. */
    static final int LOOKBACK_BLOCKS = 20;

    private final Set<String> entries = new HashSet<>();

    /** The prompt up to and including one block, and whether that block is a breakpoint. */
    private record Prefix(String text, boolean breakpoint) {
        int tokens() {
            return (text.length() + 3) / 4;
        }
    }

    /** Answers a streamed Messages request with {@code text}, its usage as the cache makes it. */
    Reply reply(JsonObject request, String text) {
        JsonObject usage = usage(request);
        JsonObject start = new JsonObject()
                .put("type", "message_start")
                .put("message", new JsonObject()
                        .put("id", "msg_cache" + Integer.toHexString(request.hashCode()))
                        .put("type", "message")
                        .put("role", "assistant")
                        .put("model", request.getString("model"))
                        .put("content", new JsonArray())
                        .putNull("stop_reason")
                        .putNull("stop_sequence")
                        .put("usage", usage.copy().put("output_tokens", 1)));
        JsonObject delta = new JsonObject()
                .put("type", "content_block_delta")
                .put("index", 0)
                .put("delta", new JsonObject().put("type", "text_delta").put("text", text));
        return Reply.sse(List.of(
                event("message_start", start.encode()),
                event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"),
                event("content_block_delta", delta.encode()),
                event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"),
                event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":7}}"),
                event("message_stop", "{\"type\":\"message_stop\"}")));
    }

    /** {@code input_tokens}, {@code cache_creation_input_tokens} and {@code cache_read_input_tokens} of {@code request}. */
    synchronized JsonObject usage(JsonObject request) {
        List<Prefix> prefixes = prefixes(request);
        int total = prefixes.isEmpty() ? 0 : prefixes.get(prefixes.size() - 1).tokens();
        int read = 0;
        int readEnd = -1;
        int lastBreakpoint = -1;
        for (int b = 0; b < prefixes.size(); b++) {
            if (!prefixes.get(b).breakpoint()) {
                continue;
            }
            lastBreakpoint = b;
            for (int p = b; p >= Math.max(0, b - LOOKBACK_BLOCKS); p--) {
                if (entries.contains(prefixes.get(p).text())) {
                    if (prefixes.get(p).tokens() > read) {
                        read = prefixes.get(p).tokens();
                        readEnd = p;
                    }
                    break;
                }
            }
        }
        int written = 0;
        if (lastBreakpoint > readEnd && prefixes.get(lastBreakpoint).tokens() >= MIN_CACHEABLE_TOKENS) {
            written = prefixes.get(lastBreakpoint).tokens() - read;
        }
        for (Prefix prefix : prefixes) {
            if (prefix.breakpoint() && prefix.tokens() >= MIN_CACHEABLE_TOKENS) {
                entries.add(prefix.text());
            }
        }
        return new JsonObject()
                .put("input_tokens", total - read - written)
                .put("cache_creation_input_tokens", written)
                .put("cache_read_input_tokens", read);
    }

    private static List<Prefix> prefixes(JsonObject request) {
        List<Prefix> prefixes = new ArrayList<>();
        StringBuilder prompt = new StringBuilder();
        for (JsonObject tool : blocks(request.getValue("tools"))) {
            add(prefixes, prompt, "tool ", tool);
        }
        for (JsonObject block : blocks(request.getValue("system"))) {
            add(prefixes, prompt, "system ", block);
        }
        for (JsonObject turn : blocks(request.getValue("messages"))) {
            String role = turn.getString("role") + " ";
            for (JsonObject block : blocks(turn.getValue("content"))) {
                add(prefixes, prompt, role, block);
                role = "";
            }
        }
        return prefixes;
    }

    private static void add(List<Prefix> prefixes, StringBuilder prompt, String label, JsonObject block) {
        JsonObject unmarked = block.copy();
        boolean breakpoint = unmarked.remove("cache_control") != null;
        prompt.append(label).append(unmarked.encode()).append('\n');
        prefixes.add(new Prefix(prompt.toString(), breakpoint));
    }

    /** The objects of an array; a string is one text block (the {@code system} and {@code content} shorthand). */
    private static List<JsonObject> blocks(Object value) {
        List<JsonObject> blocks = new ArrayList<>();
        if (value instanceof String text) {
            blocks.add(new JsonObject().put("type", "text").put("text", text));
        } else if (value instanceof JsonArray array) {
            array.forEach(block -> blocks.add((JsonObject) block));
        }
        return blocks;
    }
}
