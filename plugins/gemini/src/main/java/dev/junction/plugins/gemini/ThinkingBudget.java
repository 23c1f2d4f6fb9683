package dev.junction.plugins.gemini;

import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ClientDialect;
import dev.junction.plugin.Reasoning;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code generationConfig.thinkingConfig} for the reasoning effort an OpenAI client asked for
 * (a Responses client's {@code reasoning.effort}, a Chat Completions client's
 * {@code reasoning_effort}), when the backend's own {@code thinkingConfig} option is not set (the
 * option wins): a {@code thinkingBudget} of 512 for minimal (the least every Gemini 2.5 model
 * takes), 2048 for low, 8192 for medium, 24576 for high, with {@code includeThoughts: true}, since
 * the thoughts become thinking blocks. Never invented: no effort, {@code none} or an unknown one
 * leave the model's default, and so does an Anthropic client's reasoning (Claude Code sends an
 * effort with every request, and budgets above what some Gemini models take).
 */
final class ThinkingBudget {

    private static final Map<String, Integer> BUDGETS = Map.of("minimal", 512, "low", 2048, "medium", 8192, "high", 24576);
    private static final Set<String> EFFORT_DIALECTS = Set.of(ClientDialect.OPENAI, ClientDialect.RESPONSES);

    private ThinkingBudget() {}

    /** The thinking config for {@code request}, or {@code null} to send none. */
    static JsonObject config(ChatRequest request) {
        Integer budget = budget(request);
        return budget == null ? null : new JsonObject().put("thinkingBudget", budget).put("includeThoughts", true);
    }

    private static Integer budget(ChatRequest request) {
        Reasoning reasoning = request.reasoning();
        if (reasoning == null || reasoning.effort() == null || !EFFORT_DIALECTS.contains(request.dialect())) {
            return null;
        }
        return BUDGETS.get(reasoning.effort().toLowerCase(Locale.ROOT));
    }
}
