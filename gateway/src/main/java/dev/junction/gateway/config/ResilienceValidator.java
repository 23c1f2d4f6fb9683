package dev.junction.gateway.config;

import static dev.junction.gateway.config.ConfigPaths.child;
import static dev.junction.gateway.config.ConfigPaths.index;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a backend's {@code timeouts}, {@code retries}, {@code fallbacks} and {@code circuitBreaker}
 * for {@link ConfigValidator}, reporting each problem as {@code "path: message"}. Fallbacks must name
 * other configured backends; cycles between backends are allowed (a request never visits a backend
 * twice). Pure.
 */
final class ResilienceValidator {

    private static final Set<String> TIMEOUT_KEYS = Set.of("firstEventSeconds", "idleSeconds", "totalSeconds");
    private static final Set<String> RETRY_KEYS = Set.of("attempts", "initialBackoffMillis", "maxBackoffMillis");
    private static final Set<String> BREAKER_KEYS = Set.of("failures", "resetSeconds");
    private static final long MAX_TIMEOUT_SECONDS = 86_400;
    private static final long MAX_ATTEMPTS = 10;
    private static final long MAX_BACKOFF_MILLIS = 600_000;
    private static final long MAX_FAILURES = 1_000;
    private static final long MAX_RESET_SECONDS = 3_600;

    private final List<String> errors = new ArrayList<>();

    private ResilienceValidator() {}

    /**
     * @param path the backend's path, {@code backends.<id>}
     * @param backendIds every configured backend id
     */
    static List<String> validate(JsonObject backend, String path, String id, Set<String> backendIds) {
        ResilienceValidator validator = new ResilienceValidator();
        validator.timeouts(backend.getValue("timeouts"), child(path, "timeouts"));
        validator.retries(backend.getValue("retries"), child(path, "retries"));
        validator.fallbacks(backend.getValue("fallbacks"), child(path, "fallbacks"), id, backendIds);
        validator.breaker(backend.getValue("circuitBreaker"), child(path, "circuitBreaker"));
        return validator.errors;
    }

    private void timeouts(Object value, String path) {
        JsonObject timeouts = object(value, path, TIMEOUT_KEYS);
        if (timeouts != null) {
            for (String key : List.of("firstEventSeconds", "idleSeconds", "totalSeconds")) {
                range(timeouts, key, path, 0, MAX_TIMEOUT_SECONDS, " (no limit)");
            }
        }
    }

    private void retries(Object value, String path) {
        JsonObject retries = object(value, path, RETRY_KEYS);
        if (retries == null) {
            return;
        }
        range(retries, "attempts", path, 0, MAX_ATTEMPTS, " (no retries)");
        Long initial = range(retries, "initialBackoffMillis", path, 1, MAX_BACKOFF_MILLIS, "");
        Long max = range(retries, "maxBackoffMillis", path, 1, MAX_BACKOFF_MILLIS, "");
        long effectiveInitial = initial != null ? initial : ResilienceConfig.Retries.DEFAULTS.initialBackoffMillis();
        if (max != null && max < effectiveInitial) {
            error(child(path, "maxBackoffMillis"), "must be at least initialBackoffMillis (" + effectiveInitial + ")");
        }
    }

    private void fallbacks(Object value, String path, String id, Set<String> backendIds) {
        if (value == null) {
            return;
        }
        if (!(value instanceof JsonArray list)) {
            error(path, "must be a list of backend ids (or \"<backend-id>/<model>\")");
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String entryPath = index(path, i);
            if (!(list.getValue(i) instanceof String entry) || entry.isBlank()) {
                error(entryPath, "must be a backend id or \"<backend-id>/<model>\"");
                continue;
            }
            ResilienceConfig.Fallback fallback = ResilienceConfig.Fallback.parse(entry);
            if (fallback.model() != null && fallback.model().isBlank()) {
                error(entryPath, "a model must follow the '/' in '" + entry + "'");
            } else if (fallback.backendId().equals(id)) {
                error(entryPath, "a backend cannot fall back to itself");
            } else if (!backendIds.contains(fallback.backendId())) {
                error(entryPath, "no backend '" + fallback.backendId() + "' is configured");
            } else if (!seen.add(fallback.backendId())) {
                error(entryPath, "backend '" + fallback.backendId() + "' is listed twice");
            }
        }
    }

    private void breaker(Object value, String path) {
        JsonObject breaker = object(value, path, BREAKER_KEYS);
        if (breaker != null) {
            range(breaker, "failures", path, 0, MAX_FAILURES, " (never opens)");
            range(breaker, "resetSeconds", path, 1, MAX_RESET_SECONDS, "");
        }
    }

    /** The object at {@code path} with its unknown keys reported, or null when absent or not an object. */
    private JsonObject object(Object value, String path, Set<String> keys) {
        return ConfigChecks.objectOf(value, path, keys, errors);
    }

    /** The whole number under {@code key} when in range; null when absent or (reported) not. */
    private Long range(JsonObject object, String key, String path, long min, long max, String note) {
        Object value = object.getValue(key);
        if (value == null) {
            return null;
        }
        Long number = ConfigValidator.integer(value);
        if (number == null || number < min || number > max) {
            error(child(path, key), "must be an integer from " + min + note + " to " + max);
            return null;
        }
        return number;
    }

    private void error(String path, String message) {
        errors.add(path + ": " + message);
    }
}
