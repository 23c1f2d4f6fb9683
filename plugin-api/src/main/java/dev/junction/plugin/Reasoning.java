package dev.junction.plugin;

/**
 * How much the model should reason before it answers, for backends that can be told.
 *
 * @param effort {@code minimal}, {@code low}, {@code medium} or {@code high} as the client asked
 *     (the Responses API's {@code reasoning.effort}, Chat Completions' {@code reasoning_effort},
 *     Anthropic's {@code output_config.effort}; other values
 *     pass through to a backend that may know them), or {@code null}
 * @param budgetTokens the most tokens the reasoning may take (Anthropic's
 *     {@code thinking.budget_tokens}), or {@code null}
 * @since 1.0.0
 */
public record Reasoning(String effort, Integer budgetTokens) {}
