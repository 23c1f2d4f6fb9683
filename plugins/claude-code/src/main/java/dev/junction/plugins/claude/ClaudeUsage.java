package dev.junction.plugins.claude;

import static dev.junction.plugins.claude.Fields.integer;
import static dev.junction.plugins.claude.Fields.object;

import dev.junction.plugin.ChatEvent;
import io.vertx.core.json.JsonObject;

/** The token counts of a {@code result} line, summed over the API calls of the run. */
final class ClaudeUsage {

    private static final ChatEvent.Usage ZERO = new ChatEvent.Usage(0, 0, 0, 0, 0);

    private ClaudeUsage() {}

    /**
     * {@code result.usage}; when that is all zeros, the sum of {@code result.modelUsage}, which is
     * where a call the CLI repeated without streaming is counted.
     */
    static ChatEvent.Usage of(JsonObject result) {
        JsonObject usage = object(result, "usage");
        ChatEvent.Usage total = new ChatEvent.Usage(
                integer(usage, "input_tokens", 0),
                integer(usage, "output_tokens", 0),
                integer(usage, "cache_read_input_tokens", 0),
                integer(usage, "cache_creation_input_tokens", 0), 0);
        if (!total.equals(ZERO)) {
            return total;
        }
        JsonObject models = object(result, "modelUsage");
        for (String model : models.fieldNames()) {
            JsonObject counts = object(models, model);
            total = new ChatEvent.Usage(
                    total.inputTokens() + integer(counts, "inputTokens", 0),
                    total.outputTokens() + integer(counts, "outputTokens", 0),
                    total.cacheReadTokens() + integer(counts, "cacheReadInputTokens", 0),
                    total.cacheWriteTokens() + integer(counts, "cacheCreationInputTokens", 0), 0);
        }
        return total;
    }
}
