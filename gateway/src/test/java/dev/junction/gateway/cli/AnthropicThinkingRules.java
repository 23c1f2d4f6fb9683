package dev.junction.gateway.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.Set;

/**
 * What the real Messages API refuses about extended thinking with a 400, for {@link FakeAnthropic}:
 * a budget under 1024 tokens or not under {@code max_tokens}; {@code temperature} other than 1,
 * {@code top_k}, or a {@code top_p} under 0.95 beside it; a {@code tool_choice} that forces a tool;
 * and a last assistant turn that calls tools without starting with a thinking block. Pure.
 */
final class AnthropicThinkingRules {

    private static final Set<String> THINKING_BLOCKS = Set.of("thinking", "redacted_thinking");

    private AnthropicThinkingRules() {}

    /** The message the real API would give its 400, if it would refuse {@code body}. */
    static Optional<String> violation(JsonObject body) {
        if (!(body.getValue("thinking") instanceof JsonObject thinking) || !"enabled".equals(thinking.getString("type"))) {
            return Optional.empty();
        }
        int budget = thinking.getInteger("budget_tokens", 0);
        if (budget < 1024) {
            return Optional.of("thinking.enabled.budget_tokens: Input should be greater than or equal to 1024");
        }
        if (body.getInteger("max_tokens", 0) <= budget) {
            return Optional.of("`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at "
                    + "https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size");
        }
        if (body.getValue("temperature") instanceof Number temperature && temperature.doubleValue() != 1) {
            return Optional.of("`temperature` may only be set to 1 when thinking is enabled. Please consult our documentation at "
                    + "https://docs.claude.com/en/docs/build-with-claude/extended-thinking#feature-compatibility");
        }
        if (body.containsKey("top_k")) {
            return Optional.of("`top_k` is not compatible with thinking.");
        }
        if (body.getValue("top_p") instanceof Number topP && topP.doubleValue() < 0.95) {
            return Optional.of("`top_p` must be greater than or equal to 0.95 or unset when thinking is enabled.");
        }
        if (body.getValue("tool_choice") instanceof JsonObject choice && Set.of("any", "tool").contains(choice.getString("type"))) {
            return Optional.of("Thinking may not be enabled when tool_choice forces tool use.");
        }
        return lastAssistantTurn(body.getJsonArray("messages", new JsonArray()));
    }

    private static Optional<String> lastAssistantTurn(JsonArray messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonObject message = messages.getJsonObject(i);
            if ("assistant".equals(message.getString("role"))) {
                if (!(message.getValue("content") instanceof JsonArray content) || content.isEmpty()) {
                    return Optional.empty();
                }
                boolean callsTools = content.stream()
                        .anyMatch(block -> block instanceof JsonObject json && "tool_use".equals(json.getString("type")));
                String first = content.getJsonObject(0).getString("type");
                if (callsTools && !THINKING_BLOCKS.contains(first)) {
                    return Optional.of("messages." + i + ".content.0.type: Expected `thinking` or `redacted_thinking`, but found `"
                            + first + "`. When `thinking` is enabled, a final `assistant` message must start with a thinking"
                            + " block (preceeding the lastmost set of `tool_use` and `tool_result` blocks).");
                }
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
