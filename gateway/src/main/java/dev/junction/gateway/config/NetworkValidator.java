package dev.junction.gateway.config;

import static dev.junction.gateway.config.ConfigPaths.child;
import static dev.junction.gateway.config.ConfigPaths.index;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks who may call the server and how much a client may hold, for {@link ConfigValidator}:
 * {@code server.allowedHosts}, {@code server.cors} and {@code server.limits}, each problem as
 * {@code "path: message"}. Pure.
 */
final class NetworkValidator {

    private static final Set<String> CORS_KEYS = Set.of("allowedOrigins");
    /** Each limit's key and its largest value; the smallest is 1. */
    private static final Map<String, Long> LIMIT_MAXIMA = Map.of(
            "headerTimeoutSeconds", 3_600L,
            "bodyTimeoutSeconds", 3_600L,
            "idleTimeoutSeconds", 3_600L,
            "maxConnections", 1_000_000L,
            "maxInFlightRequests", 1_000_000L,
            "maxHeaderBytes", 1_048_576L,
            "maxHeaders", 10_000L);

    private final List<String> errors = new ArrayList<>();

    private NetworkValidator() {}

    /** The problems of {@code server}'s network settings. */
    static List<String> validate(JsonObject server) {
        NetworkValidator validator = new NetworkValidator();
        validator.names(server.getValue("allowedHosts"), "server.allowedHosts", WebNames::host,
                "must be a host name or IP address without a port, e.g. gateway.internal or 10.0.0.5");
        validator.cors(server.getValue("cors"));
        validator.limits(server.getValue("limits"));
        return validator.errors;
    }

    private void cors(Object value) {
        if (value == null) {
            return;
        }
        if (!(value instanceof JsonObject cors)) {
            errors.add("server.cors: must be an object");
            return;
        }
        unknownKeys(cors, "server.cors", CORS_KEYS);
        names(cors.getValue("allowedOrigins"), "server.cors.allowedOrigins", WebNames::origin,
                "must be an origin such as https://app.example.com (scheme, host and port only; no '*')");
    }

    private void names(Object value, String path, Function<String, String> parser, String message) {
        if (value == null) {
            return;
        }
        if (!(value instanceof JsonArray list)) {
            errors.add(path + ": must be a list");
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            if (!(list.getValue(i) instanceof String text) || parser.apply(text) == null) {
                errors.add(index(path, i) + ": " + message);
            }
        }
    }

    private void limits(Object value) {
        if (value == null) {
            return;
        }
        if (!(value instanceof JsonObject limits)) {
            errors.add("server.limits: must be an object");
            return;
        }
        unknownKeys(limits, "server.limits", LIMIT_MAXIMA.keySet());
        for (String key : limits.fieldNames()) {
            Long max = LIMIT_MAXIMA.get(key);
            Object limit = limits.getValue(key);
            Long number = ConfigValidator.integer(limit);
            if (max != null && limit != null && (number == null || number < 1 || number > max)) {
                errors.add(child("server.limits", key) + ": must be an integer from 1 to " + max);
            }
        }
    }

    private void unknownKeys(JsonObject object, String path, Set<String> allowed) {
        ConfigChecks.unknownKeys(object, path, allowed, errors);
    }
}
