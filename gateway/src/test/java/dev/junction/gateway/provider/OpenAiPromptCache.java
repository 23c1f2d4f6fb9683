package dev.junction.gateway.provider;

import static dev.junction.gateway.provider.Sse.chunk;
import static dev.junction.gateway.provider.Sse.data;

import dev.junction.gateway.provider.FakeProvider.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI's automatic prompt caching, for a fake Chat Completions upstream: a request's prompt is its
 * serialized tools then messages, in order; when it begins with the same characters as an earlier
 * request's for at least {@value #MIN_CACHED_TOKENS} tokens, the common prefix (in steps of
 * {@value #STEP_TOKENS} tokens) is reported as {@code prompt_tokens_details.cached_tokens}, a part
 * of {@code prompt_tokens}. One different character early in the prompt (a field in another
 * order, an id that changes per request) and nothing after it is cached, as at the real API.
 * Tokens are estimated at four characters each. Thread-safe.
 */
final class OpenAiPromptCache {

    /** The shortest prompt OpenAI caches. */
    static final int MIN_CACHED_TOKENS = 1024;

    /** Cache hits grow in steps of this many tokens. */
    static final int STEP_TOKENS = 128;

    private final List<String> seen = new ArrayList<>();

    /** Answers a Chat Completions request with {@code text}, streamed or not as it asked, with the cache's usage. */
    Reply reply(JsonObject request, String text) {
        JsonObject usage = usage(request);
        if (!request.getBoolean("stream", false)) {
            return Reply.json(200, new JsonObject()
                    .put("id", "chatcmpl-cache")
                    .put("object", "chat.completion")
                    .put("created", 1767225600)
                    .put("model", request.getString("model"))
                    .put("choices", new JsonArray().add(new JsonObject()
                            .put("index", 0)
                            .put("message", new JsonObject().put("role", "assistant").put("content", text))
                            .put("finish_reason", "stop")))
                    .put("usage", usage));
        }
        String content = new JsonObject().put("role", "assistant").put("content", text).encode();
        return Reply.sse(List.of(
                chunk("chatcmpl-cache", content, null),
                chunk("chatcmpl-cache", "{}", "stop"),
                data(new JsonObject()
                        .put("id", "chatcmpl-cache")
                        .put("object", "chat.completion.chunk")
                        .put("created", 1767225600)
                        .put("model", request.getString("model"))
                        .put("choices", new JsonArray())
                        .put("usage", usage)
                        .encode()),
                data("[DONE]")));
    }

    /** The usage of {@code request}: its prompt and completion tokens, and the cached part of the prompt. */
    synchronized JsonObject usage(JsonObject request) {
        String prompt = prompt(request);
        int common = 0;
        for (String earlier : seen) {
            common = Math.max(common, commonPrefix(prompt, earlier));
        }
        seen.add(prompt);
        int commonTokens = common / 4;
        int cached = commonTokens >= MIN_CACHED_TOKENS ? commonTokens / STEP_TOKENS * STEP_TOKENS : 0;
        int promptTokens = (prompt.length() + 3) / 4;
        return new JsonObject()
                .put("prompt_tokens", promptTokens)
                .put("completion_tokens", 7)
                .put("total_tokens", promptTokens + 7)
                .put("prompt_tokens_details", new JsonObject().put("cached_tokens", cached));
    }

    private static String prompt(JsonObject request) {
        StringBuilder prompt = new StringBuilder();
        prompt.append(request.getJsonArray("tools", new JsonArray()).encode()).append('\n');
        request.getJsonArray("messages", new JsonArray()).forEach(message -> prompt.append(((JsonObject) message).encode()).append('\n'));
        return prompt.toString();
    }

    private static int commonPrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }
}
