package dev.junction.plugins.gemini;

import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.Reasoning;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code generationConfig.thinkingConfig} for the reasoning a client asked for, when the
 * backend's own {@code thinkingConfig} option is not set (the option wins): a thinking budget the
 * client gave (Anthropic's {@code thinking.budget_tokens}), else the budget of an OpenAI client's
 * effort (a Responses client's {@code reasoning.effort}, a Chat Completions client's
 * {@code reasoning_effort}): minimal 512 (the least every Gemini 2.5 model takes), low 2048, medium
 * 8192, high 24576. With {@code includeThoughts: true}, since the thoughts become thinking blocks.
 * Never invented: no reasoning asked, {@code none}, an unknown effort, or an Anthropic client's
 * effort alone (Claude Code sends one with every request) leave the model's default.
 */
final class ThinkingBudget {

    private static final Map<String, Integer> BUDGETS = Map.of("minimal", 512, "low", 2048, "medium", 8192, "high", 24576);
    private static final Set<String> EFFORT_DIALECTS = Set.of("openai", "responses");

    private ThinkingBudget() {}

    /** The thinking config for {@code request}, or {@code null} to send none. */
    static JsonObject config(ChatRequest request) {
        Integer budget = budget(request);
        return budget == null ? null : new JsonObject().put("thinkingBudget", budget).put("includeThoughts", true);
    }

    private static Integer budget(ChatRequest request) {
        Reasoning reasoning = request.reasoning();
        if (reasoning == null) {
            return null;
        }
        if (reasoning.budgetTokens() != null) {
            return reasoning.budgetTokens();
        }
        if (reasoning.effort() == null || !EFFORT_DIALECTS.contains(request.dialect())) {
            return null;
        }
        return BUDGETS.get(reasoning.effort().toLowerCase(Locale.ROOT));
    }
}
