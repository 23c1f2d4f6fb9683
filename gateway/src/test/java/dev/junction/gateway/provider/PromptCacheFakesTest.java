package dev.junction.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * The fake upstreams' prompt caches behave like the real APIs': a hit needs the same bytes up to
 * the cached point, and what is below the minimum length is never cached.
 */
class PromptCacheFakesTest {

    private static final String LONG = "x".repeat(5000); // about 1,250 tokens

    private static JsonObject messagesRequest(String system, String question, boolean marked) {
        JsonObject text = new JsonObject().put("type", "text").put("text", system);
        if (marked) {
            text.put("cache_control", new JsonObject().put("type", "ephemeral"));
        }
        return new JsonObject()
                .put("system", new JsonArray().add(text))
                .put("messages", new JsonArray().add(new JsonObject()
                        .put("role", "user")
                        .put("content", question)));
    }

    @Test
    void anthropic_reads_only_a_byte_identical_prefix_up_to_a_breakpoint() {
        AnthropicPromptCache cache = new AnthropicPromptCache();

        JsonObject first = cache.usage(messagesRequest(LONG, "One?", true));
        assertThat(first.getInteger("cache_creation_input_tokens")).isGreaterThan(1250);
        assertThat(first.getInteger("cache_read_input_tokens")).isZero();

        assertThat(cache.usage(messagesRequest(LONG, "Two?", true)).getInteger("cache_read_input_tokens"))
                .isEqualTo(first.getInteger("cache_creation_input_tokens"));
        assertThat(cache.usage(messagesRequest(LONG + ".", "Two?", true)).getInteger("cache_read_input_tokens"))
                .as("one more character").isZero();
        assertThat(cache.usage(messagesRequest(LONG, "Two?", false)).getInteger("cache_read_input_tokens"))
                .as("no breakpoint, no cache").isZero();
        assertThat(new AnthropicPromptCache().usage(messagesRequest("short", "One?", true)).getInteger("cache_creation_input_tokens"))
                .as("below the minimum").isZero();
    }

    @Test
    void openai_caches_the_longest_common_prefix_in_steps_once_it_is_long_enough() {
        OpenAiPromptCache cache = new OpenAiPromptCache();
        JsonObject first = new JsonObject().put("messages", new JsonArray()
                .add(new JsonObject().put("role", "system").put("content", LONG))
                .add(new JsonObject().put("role", "user").put("content", "One?")));
        JsonObject reordered = new JsonObject().put("messages", new JsonArray()
                .add(new JsonObject().put("content", LONG).put("role", "system")));

        JsonObject once = cache.usage(first);
        assertThat(once.getJsonObject("prompt_tokens_details").getInteger("cached_tokens")).isZero();
        int cached = cache.usage(first.copy().put("messages", first.getJsonArray("messages").copy()
                        .add(new JsonObject().put("role", "user").put("content", "Two?"))))
                .getJsonObject("prompt_tokens_details").getInteger("cached_tokens");
        assertThat(cached).as("the whole first prompt, rounded down to a step")
                .isEqualTo(once.getInteger("prompt_tokens") / OpenAiPromptCache.STEP_TOKENS * OpenAiPromptCache.STEP_TOKENS);
        assertThat(cache.usage(reordered).getJsonObject("prompt_tokens_details").getInteger("cached_tokens"))
                .as("the same fields in another order").isZero();
    }
}
