package dev.junction.gateway.config;

import static dev.junction.gateway.config.ConfigPaths.child;
import static dev.junction.gateway.config.ConfigPaths.index;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a configuration tree (after variable expansion) and reports every problem at once, each
 * as {@code "path: message"}, in file order. Unknown keys are errors, so typos do not pass
 * silently. A key whose value is null (written with nothing after the colon) counts as absent.
 * Pure: no I/O, safe on any thread.
 */
final class ConfigValidator {

    private static final Set<String> TOP_LEVEL_KEYS = Set.of(
            "server", "plugins", "backends", "auth", "cluster", "responses");
    private static final Set<String> SERVER_KEYS = Set.of(
            "host", "port", "instances", "maxBodyBytes", "keepAliveSeconds", "drainSeconds", "reloadSeconds",
            "allowedHosts", "cors", "limits");
    private static final Set<String> PLUGINS_KEYS = Set.of("dir", "scanIntervalMillis");
    private static final Set<String> BACKEND_KEYS = Set.of(
            "plugin", "models", "options", "timeouts", "retries", "fallbacks", "circuitBreaker");
    private static final Set<String> AUTH_KEYS = Set.of("keys", "adminKey");
    private static final Set<String> API_KEY_KEYS = Set.of("name", "key", "sha256", "models", "limits");
    private static final Set<String> LIMITS_KEYS = Set.of("requestsPerMinute", "tokensPerMinute", "concurrentRequests");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9A-Fa-f]{64}");
    private static final Pattern BACKEND_ID = Pattern.compile("[A-Za-z0-9._-]+");
    private static final long MAX_KEEP_ALIVE_SECONDS = 3600;
    private static final long MAX_DRAIN_SECONDS = 3600;
    private static final long MAX_RELOAD_SECONDS = 3600;
    private static final long MAX_SCAN_INTERVAL_MILLIS = 3_600_000;
    private static final long MAX_INSTANCES = 256;
    private static final Pattern DECIMAL = Pattern.compile("[+-]?[0-9]{1,18}");

    private final List<String> errors = new ArrayList<>();

    private ConfigValidator() {}

    /** Every problem in {@code root}; empty when the configuration is valid. */
    static List<String> validate(JsonObject root) {
        ConfigValidator validator = new ConfigValidator();
        validator.root(root);
        return List.copyOf(validator.errors);
    }

    /**
     * The value as a whole number: a YAML integer, or a string of decimal digits (what a
     * {@code ${VAR}} expands to); {@code null} for anything else.
     */
    static Long integer(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big && big.bitLength() < Long.SIZE) {
            return big.longValue();
        }
        if (value instanceof String text && DECIMAL.matcher(text.trim()).matches()) {
            return Long.parseLong(text.trim());
        }
        return null;
    }

    private void root(JsonObject root) {
        unknownKeys(root, "", TOP_LEVEL_KEYS);
        JsonObject server = object(root, "server", "server");
        if (server != null) {
            server(server);
        }
        plugins(root);
        backends(root);
        JsonObject auth = object(root, "auth", "auth");
        if (auth != null) {
            auth(auth);
        }
        errors.addAll(ClusterValidator.validate(root.getValue("cluster")));
        errors.addAll(ResponsesValidator.validate(root.getValue("responses")));
    }

    private void server(JsonObject server) {
        unknownKeys(server, "server", SERVER_KEYS);
        Object host = server.getValue("host");
        if (host != null && !isNonEmptyString(host)) {
            error("server.host", "must be a non-empty string");
        }
        Object port = server.getValue("port");
        Long portNumber = integer(port);
        if (port != null && (portNumber == null || portNumber < 0 || portNumber > 65535)) {
            error("server.port", "must be an integer from 0 to 65535");
        }
        Object instances = server.getValue("instances");
        Long instancesNumber = integer(instances);
        if (instances != null && (instancesNumber == null || instancesNumber < 1 || instancesNumber > MAX_INSTANCES)) {
            error("server.instances", "must be an integer from 1 to " + MAX_INSTANCES);
        }
        Object maxBodyBytes = server.getValue("maxBodyBytes");
        Long maxBodyNumber = integer(maxBodyBytes);
        if (maxBodyBytes != null && (maxBodyNumber == null || maxBodyNumber < 1)) {
            error("server.maxBodyBytes", "must be a positive integer");
        }
        Object keepAlive = server.getValue("keepAliveSeconds");
        Long keepAliveNumber = integer(keepAlive);
        if (keepAlive != null && (keepAliveNumber == null || keepAliveNumber < 0 || keepAliveNumber > MAX_KEEP_ALIVE_SECONDS)) {
            error("server.keepAliveSeconds", "must be an integer from 0 (off) to " + MAX_KEEP_ALIVE_SECONDS);
        }
        Object drain = server.getValue("drainSeconds");
        Long drainNumber = integer(drain);
        if (drain != null && (drainNumber == null || drainNumber < 0 || drainNumber > MAX_DRAIN_SECONDS)) {
            error("server.drainSeconds", "must be an integer from 0 to " + MAX_DRAIN_SECONDS);
        }
        Object reload = server.getValue("reloadSeconds");
        Long reloadNumber = integer(reload);
        if (reload != null && (reloadNumber == null || reloadNumber < 0 || reloadNumber > MAX_RELOAD_SECONDS)) {
            error("server.reloadSeconds", "must be an integer from 0 (off) to " + MAX_RELOAD_SECONDS);
        }
        errors.addAll(NetworkValidator.validate(server));
    }

    private void plugins(JsonObject root) {
        if (root.getValue("plugins") == null) {
            error("plugins.dir", "required");
            return;
        }
        JsonObject plugins = object(root, "plugins", "plugins");
        if (plugins == null) {
            return;
        }
        unknownKeys(plugins, "plugins", PLUGINS_KEYS);
        Object dir = plugins.getValue("dir");
        if (dir == null) {
            error("plugins.dir", "required");
        } else if (!isNonEmptyString(dir)) {
            error("plugins.dir", "must be a non-empty string");
        } else if (!isPath((String) dir)) {
            error("plugins.dir", "not a valid path");
        }
        Object scan = plugins.getValue("scanIntervalMillis");
        Long scanNumber = integer(scan);
        if (scan != null && (scanNumber == null || scanNumber < 0 || scanNumber > MAX_SCAN_INTERVAL_MILLIS)) {
            error("plugins.scanIntervalMillis", "must be an integer from 0 (off) to " + MAX_SCAN_INTERVAL_MILLIS);
        }
    }

    private void backends(JsonObject root) {
        Object value = root.getValue("backends");
        if (value != null && !(value instanceof JsonObject)) {
            error("backends", "must be an object mapping backend ids to backends");
            return;
        }
        if (value == null || ((JsonObject) value).isEmpty()) {
            error("backends", "at least one backend is required");
            return;
        }
        JsonObject backends = (JsonObject) value;
        for (String id : backends.fieldNames()) {
            String path = child("backends", id);
            if (!BACKEND_ID.matcher(id).matches()) {
                error(path, "invalid backend id; use only letters, digits, '.', '_' and '-'");
            }
            Object backend = backends.getValue(id);
            if (backend instanceof JsonObject object) {
                backend(object, path);
                errors.addAll(ResilienceValidator.validate(object, path, id, backends.fieldNames()));
            } else {
                error(path, "must be an object with plugin and models");
            }
        }
    }

    private void backend(JsonObject backend, String path) {
        unknownKeys(backend, path, BACKEND_KEYS);
        Object plugin = backend.getValue("plugin");
        if (plugin == null) {
            error(child(path, "plugin"), "required");
        } else if (!isNonEmptyString(plugin)) {
            error(child(path, "plugin"), "must be a non-empty string");
        }
        models(backend.getValue("models"), child(path, "models"));
        object(backend, "options", child(path, "options"));
    }

    private void models(Object models, String path) {
        if (models == null) {
            error(path, "required");
        } else if (!(models instanceof JsonArray list) || list.isEmpty()) {
            error(path, "must be a non-empty list of model names");
        } else {
            for (int i = 0; i < list.size(); i++) {
                if (!isNonEmptyString(list.getValue(i))) {
                    error(index(path, i), "must be a non-empty string");
                }
            }
        }
    }

    private void auth(JsonObject auth) {
        unknownKeys(auth, "auth", AUTH_KEYS);
        errors.addAll(AdminKeyValidator.validate(auth));
        Object keys = auth.getValue("keys");
        if (keys == null) {
            return;
        }
        if (!(keys instanceof JsonArray list)) {
            error("auth.keys", "must be a list of keys");
            return;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String path = index("auth.keys", i);
            if (list.getValue(i) instanceof JsonObject entry) {
                apiKey(entry, path, names);
            } else {
                error(path, "must be an object with name and key or sha256");
            }
        }
    }

    private void apiKey(JsonObject entry, String path, Set<String> names) {
        unknownKeys(entry, path, API_KEY_KEYS);
        Object name = entry.getValue("name");
        if (name == null) {
            error(child(path, "name"), "required");
        } else if (!isNonEmptyString(name)) {
            error(child(path, "name"), "must be a non-empty string");
        } else if (!names.add((String) name)) {
            error(child(path, "name"), "duplicate key name '" + name + "'");
        }
        Object key = entry.getValue("key");
        Object sha256 = entry.getValue("sha256");
        if (key != null && sha256 != null) {
            error(path, "give key or sha256, not both");
        } else if (key == null && sha256 == null) {
            error(path, "give key or sha256");
        } else if (key != null && !isNonEmptyString(key)) {
            error(child(path, "key"), "must be a non-empty string");
        } else if (sha256 != null && !(sha256 instanceof String hex && SHA256_HEX.matcher(hex).matches())) {
            error(child(path, "sha256"), "must be 64 hexadecimal characters (the key's SHA-256)");
        }
        Object models = entry.getValue("models");
        if (models != null) {
            if (!(models instanceof JsonArray list) || list.isEmpty()) {
                error(child(path, "models"), "must be a non-empty list of model names or globs; leave it out to allow every model");
            } else {
                for (int i = 0; i < list.size(); i++) {
                    if (!isNonEmptyString(list.getValue(i))) {
                        error(index(child(path, "models"), i), "must be a non-empty string");
                    }
                }
            }
        }
        JsonObject limits = object(entry, "limits", child(path, "limits"));
        if (limits != null) {
            limits(limits, child(path, "limits"));
        }
    }

    private void limits(JsonObject limits, String path) {
        unknownKeys(limits, path, LIMITS_KEYS);
        for (String key : limits.fieldNames()) {
            Object value = limits.getValue(key);
            Long number = integer(value);
            if (LIMITS_KEYS.contains(key) && value != null && (number == null || number < 1)) {
                error(child(path, key), "must be a positive integer; leave it out for no limit");
            }
        }
    }

    /** The object under {@code key}, or null when absent or (reported) not an object. */
    private JsonObject object(JsonObject parent, String key, String path) {
        Object value = parent.getValue(key);
        if (value == null || value instanceof JsonObject) {
            return (JsonObject) value;
        }
        error(path, "must be an object");
        return null;
    }

    private void unknownKeys(JsonObject object, String path, Set<String> allowed) {
        ConfigChecks.unknownKeys(object, path, allowed, errors);
    }

    private void error(String path, String message) {
        errors.add(path + ": " + message);
    }

    static boolean isNonEmptyString(Object value) {
        return value instanceof String text && !text.isBlank();
    }

    private static boolean isPath(String text) {
        try {
            Path.of(text);
            return true;
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
