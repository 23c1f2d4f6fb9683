package dev.junction.plugins.anthropic;

import dev.junction.plugin.Reasoning;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Extended thinking for a client of another dialect that asked for reasoning (a Responses client's
 * {@code reasoning.effort}, a Chat Completions client's {@code reasoning_effort}):
 * {@code thinking: {type: enabled, budget_tokens}} with the budget the request gave, else the one of
 * its effort ({@link #budget}). Never invented: a request that asked for no reasoning, or for
 * {@code none}, {@code minimal} or an effort this does not know, is left as it is.
 *
 * <p>The Messages API's rules for thinking hold: {@code max_tokens} must exceed the budget (when it
 * does not, the budget is added to it, so the answer keeps the allowance it had); it refuses
 * {@code temperature} and {@code top_k} (dropped) and a {@code top_p} below 0.95 (dropped); it
 * refuses thinking when a tool is forced ({@code tool_choice} {@code any} or {@code tool}) and when
 * the last assistant turn calls tools without the thinking block that must open it (a client that
 * could not carry it back): then no thinking is asked.
 */
final class ExtendedThinking {

    /** The smallest budget the Messages API accepts. */
    private static final int MIN_BUDGET = 1024;

    private static final Map<String, Integer> BUDGETS = Map.of("low", 2048, "medium", 8192, "high", 24576, "xhigh", 32768);
    private static final double MIN_TOP_P = 0.95;
    private static final Set<String> FORCED_TOOL_CHOICES = Set.of("any", "tool");
    private static final Set<String> THINKING_BLOCKS = Set.of("thinking", "redacted_thinking");

    private ExtendedThinking() {}

    /** The thinking budget for {@code reasoning}, or {@code null} for no thinking. */
    static Integer budget(Reasoning reasoning) {
        if (reasoning == null) {
            return null;
        }
        if (reasoning.budgetTokens() != null) {
            return Math.max(MIN_BUDGET, reasoning.budgetTokens());
        }
        return reasoning.effort() == null ? null : BUDGETS.get(reasoning.effort().toLowerCase(Locale.ROOT));
    }

    /** Asks {@code body} (a Messages request body) for thinking when {@code reasoning} calls for it. */
    static void apply(Reasoning reasoning, JsonObject body) {
        Integer budget = budget(reasoning);
        if (budget == null || forcesTool(body) || lastToolTurnLacksThinking(body)) {
            return;
        }
        body.put("thinking", new JsonObject().put("type", "enabled").put("budget_tokens", budget));
        int maxTokens = body.getInteger("max_tokens");
        if (maxTokens <= budget) {
            body.put("max_tokens", budget + maxTokens);
        }
        body.remove("temperature");
        body.remove("top_k");
        if (body.getValue("top_p") instanceof Number topP && topP.doubleValue() < MIN_TOP_P) {
            body.remove("top_p");
        }
    }

    private static boolean forcesTool(JsonObject body) {
        return body.getValue("tool_choice") instanceof JsonObject choice
                && FORCED_TOOL_CHOICES.contains(choice.getString("type"));
    }

    private static boolean lastToolTurnLacksThinking(JsonObject body) {
        JsonArray messages = body.getJsonArray("messages");
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonObject message = messages.getJsonObject(i);
            if ("assistant".equals(message.getString("role"))) {
                if (!(message.getValue("content") instanceof JsonArray content) || content.isEmpty()) {
                    return false;
                }
                boolean callsTools = content.stream()
                        .anyMatch(block -> block instanceof JsonObject json && "tool_use".equals(json.getString("type")));
                return callsTools && !THINKING_BLOCKS.contains(content.getJsonObject(0).getString("type"));
            }
        }
        return false;
    }
}
