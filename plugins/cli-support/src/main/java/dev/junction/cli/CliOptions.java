package dev.junction.cli;

import dev.junction.plugin.BackendException;
import dev.junction.plugin.ErrorKind;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The options every CLI backend takes (a backend's {@code options} in the gateway configuration).
 *
 * @param command the executable: a name looked up on {@code PATH}, or a path
 * @param args extra arguments put before the plugin's own
 * @param env variables merged into the CLI's environment (a base URL, an API key)
 * @param workingDirectory where the CLI runs, or {@code null} for an empty folder of each run's own
 * @param configFrom a folder whose files are copied into each run's configuration folder (a login),
 *     or {@code null}
 * @param timeoutSeconds the longest a run may take, in all
 * @param idleTimeoutSeconds the longest a run may print nothing
 * @param maxConcurrency how many runs may go at once
 * @param maxQueue how many requests may wait for a run; more get 429
 * @param modelMap request model → CLI model; an empty value means the CLI's default
 * @param raw all options as given, for the plugin's own keys
 */
public record CliOptions(
        String command,
        List<String> args,
        Map<String, String> env,
        Path workingDirectory,
        Path configFrom,
        int timeoutSeconds,
        int idleTimeoutSeconds,
        int maxConcurrency,
        int maxQueue,
        Map<String, String> modelMap,
        JsonObject raw) {

    /** The keys every CLI backend understands. */
    public static final Set<String> COMMON_KEYS = Set.of(
            "command", "args", "env", "workingDirectory", "configFrom", "timeoutSeconds", "idleTimeoutSeconds",
            "maxConcurrency", "maxQueue", "modelMap");

    public CliOptions {
        args = List.copyOf(args);
        env = Map.copyOf(env);
        modelMap = Collections.unmodifiableMap(new LinkedHashMap<>(modelMap)); // aliases() keeps the configured order
    }

    /**
     * Reads and checks {@code options}.
     *
     * @throws BackendException with {@link ErrorKind#INVALID_REQUEST} naming the first bad option
     */
    public static CliOptions parse(JsonObject options, CliProtocol protocol) {
        for (String key : options.fieldNames()) {
            if (!COMMON_KEYS.contains(key) && !protocol.pluginOptionKeys().contains(key)) {
                throw invalid(key, "unknown option");
            }
        }
        Map<String, String> modelMap = new LinkedHashMap<>(protocol.defaultModelMap());
        modelMap.putAll(stringMap(options, "modelMap"));
        String directory = string(options, "workingDirectory", null);
        String configFrom = string(options, "configFrom", null);
        if (configFrom != null && !Files.isDirectory(Path.of(configFrom))) {
            throw invalid("configFrom", "must name an existing folder: " + configFrom);
        }
        return new CliOptions(
                string(options, "command", protocol.defaultCommand()),
                strings(options, "args"),
                stringMap(options, "env"),
                directory == null ? null : Path.of(directory),
                configFrom == null ? null : Path.of(configFrom),
                positive(options, "timeoutSeconds", 600),
                positive(options, "idleTimeoutSeconds", 120),
                positive(options, "maxConcurrency", 4),
                nonNegative(options, "maxQueue", 16),
                modelMap,
                options.copy());
    }

    /** The model to pass to the CLI for {@code requested}, or empty for the CLI's default. */
    public Optional<String> cliModel(String requested) {
        String mapped = modelMap.getOrDefault(requested, requested);
        return mapped == null || mapped.isEmpty() ? Optional.empty() : Optional.of(mapped);
    }

    /** The models this backend names itself: the aliases of its model map. */
    public List<String> aliases() {
        return new ArrayList<>(modelMap.keySet());
    }

    /** A plugin option that must be a string, or {@code fallback} when absent. */
    public static String string(JsonObject options, String key, String fallback) {
        Object value = options.getValue(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof String text && !text.isEmpty()) {
            return text;
        }
        throw invalid(key, "must be a non-empty string");
    }

    /** A plugin option that must be a list of strings, or an empty list when absent. */
    public static List<String> strings(JsonObject options, String key) {
        Object value = options.getValue(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof JsonArray array)) {
            throw invalid(key, "must be a list of strings");
        }
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (!(array.getValue(i) instanceof String text)) {
                throw invalid(key + "[" + i + "]", "must be a string");
            }
            strings.add(text);
        }
        return strings;
    }

    /** A plugin option that must be a boolean, or {@code fallback} when absent. */
    public static boolean bool(JsonObject options, String key, boolean fallback) {
        Object value = options.getValue(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean flag) {
            return flag;
        }
        throw invalid(key, "must be true or false");
    }

    /** A failure that names the option: {@code options.timeoutSeconds: must be a positive integer}. */
    public static BackendException invalid(String key, String problem) {
        return new BackendException(ErrorKind.INVALID_REQUEST, "options." + key + ": " + problem);
    }

    private static Map<String, String> stringMap(JsonObject options, String key) {
        Object value = options.getValue(key);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof JsonObject object)) {
            throw invalid(key, "must be a map of strings");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (String name : object.fieldNames()) {
            Object entry = object.getValue(name);
            if (entry == null) {
                map.put(name, "");
            } else if (entry instanceof String || entry instanceof Number || entry instanceof Boolean) {
                map.put(name, String.valueOf(entry));
            } else {
                throw invalid(key + "." + name, "must be a string");
            }
        }
        return map;
    }

    private static int positive(JsonObject options, String key, int fallback) {
        int value = integer(options, key, fallback);
        if (value < 1) {
            throw invalid(key, "must be a positive integer");
        }
        return value;
    }

    private static int nonNegative(JsonObject options, String key, int fallback) {
        int value = integer(options, key, fallback);
        if (value < 0) {
            throw invalid(key, "must be zero or a positive integer");
        }
        return value;
    }

    private static int integer(JsonObject options, String key, int fallback) {
        Object value = options.getValue(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number number
                && number.doubleValue() == Math.rint(number.doubleValue())
                && Math.abs(number.doubleValue()) <= Integer.MAX_VALUE) {
            return number.intValue();
        }
        throw invalid(key, "must be an integer");
    }
}
