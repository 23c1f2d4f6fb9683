package dev.junction.gateway.config;

import static dev.junction.gateway.config.ConfigPaths.child;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the {@code responses:} section for {@link ConfigValidator}, each problem as
 * {@code "path: message"}: known keys only, and each bound a whole number in its range. Pure.
 */
final class ResponsesValidator {

    /** The largest value of each {@code responses.store} key; each starts at 1. */
    static final Map<String, Long> STORE_MAXIMA = Map.of(
            "maxResponses", 10_000_000L,
            "maxBytes", 1L << 40,
            // OpenAI keeps stored responses for 30 days.
            "ttlSeconds", 30L * 24 * 3600);

    private ResponsesValidator() {}

    /** The problems of {@code responses}, the section's value (null when absent). */
    static List<String> validate(Object responses) {
        List<String> errors = new ArrayList<>();
        JsonObject section = ConfigChecks.objectOf(responses, "responses", Set.of("store"), errors);
        if (section == null) {
            return errors;
        }
        JsonObject store = ConfigChecks.objectOf(section.getValue("store"), "responses.store", STORE_MAXIMA.keySet(), errors);
        if (store == null) {
            return errors;
        }
        STORE_MAXIMA.forEach((key, max) -> {
            Object value = store.getValue(key);
            Long number = ConfigValidator.integer(value);
            if (value != null && (number == null || number < 1 || number > max)) {
                errors.add(child("responses.store", key) + ": must be an integer from 1 to " + max);
            }
        });
        return errors;
    }
}
