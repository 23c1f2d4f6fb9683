package dev.junction.gateway.dialect.anthropic;

import static dev.junction.gateway.dialect.anthropic.JsonFields.object;
import static dev.junction.gateway.dialect.anthropic.JsonFields.optionalInteger;
import static dev.junction.gateway.dialect.anthropic.JsonFields.optionalString;

import dev.junction.plugin.Reasoning;
import io.vertx.core.json.JsonObject;

/**
 * How much the client wants the model to reason: {@code output_config.effort} and the
 * {@code budget_tokens} of {@code thinking: {type: "enabled"}}, as a {@link Reasoning} for backends
 * of other dialects. Both fields also stay in the request's extra fields, so that an Anthropic
 * upstream gets them (and {@code thinking: {type: "adaptive"}}) exactly as sent.
 */
final class AnthropicReasoning {

    private AnthropicReasoning() {}

    /** The reasoning asked for, or {@code null} when the request sets neither field. */
    static Reasoning decode(JsonObject body) {
        String effort = null;
        if (body.getValue("output_config") != null) {
            effort = optionalString(object(body.getValue("output_config"), "output_config"), "effort", "output_config.effort");
        }
        Integer budget = null;
        if (body.getValue("thinking") != null) {
            JsonObject thinking = object(body.getValue("thinking"), "thinking");
            if ("enabled".equals(thinking.getValue("type"))) {
                budget = optionalInteger(thinking, "budget_tokens", "thinking.budget_tokens");
            }
        }
        return effort == null && budget == null ? null : new Reasoning(effort, budget);
    }
}
