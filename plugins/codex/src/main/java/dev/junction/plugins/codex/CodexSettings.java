package dev.junction.plugins.codex;

import dev.junction.cli.CliOptions;
import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The codex plugin's own options, read from a backend's {@code options}; {@link CodexProtocol}
 * lists them.
 *
 * @param config the {@code config} overrides in order: dotted key to TOML value
 * @param customProvider the provider {@code config} selects with {@code model_provider} and also
 *     defines, or empty
 */
record CodexSettings(
        String sandbox, String approvalPolicy, Map<String, String> config, int maxRetries, Optional<String> customProvider) {

    /** The option keys this record reads. */
    static final Set<String> KEYS = Set.of("sandbox", "approvalPolicy", "config", "maxRetries");

    private static final List<String> SANDBOXES = List.of("read-only", "workspace-write", "danger-full-access");
    private static final List<String> APPROVAL_POLICIES = List.of("never", "on-request", "on-failure", "untrusted");
    private static final Pattern DOTTED_KEY = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

    CodexSettings {
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
    }

    /**
     * Reads and checks the plugin options.
     *
     * @throws dev.junction.plugin.BackendException with {@code INVALID_REQUEST} naming the first bad
     *     option, as {@code options.<key>}
     */
    static CodexSettings parse(JsonObject options) {
        JsonObject config = configObject(options);
        Map<String, String> rendered = new LinkedHashMap<>();
        for (String key : config.fieldNames()) {
            if (!DOTTED_KEY.matcher(key).matches()) {
                throw CliOptions.invalid("config." + key, "must be a dotted key of letters, digits, '_' and '-'");
            }
            rendered.put(key, Toml.render(config.getValue(key), "config." + key));
        }
        return new CodexSettings(
                oneOf(options, "sandbox", SANDBOXES),
                oneOf(options, "approvalPolicy", APPROVAL_POLICIES),
                rendered,
                maxRetries(options),
                customProvider(config));
    }

    private static JsonObject configObject(JsonObject options) {
        Object value = options.getValue("config");
        if (value == null) {
            return new JsonObject();
        }
        if (value instanceof JsonObject object) {
            return object;
        }
        throw CliOptions.invalid("config", "must be a map of Codex config keys to values");
    }

    private static String oneOf(JsonObject options, String key, List<String> allowed) {
        String value = CliOptions.string(options, key, allowed.get(0));
        if (!allowed.contains(value)) {
            throw CliOptions.invalid(key, "must be one of " + String.join(", ", allowed));
        }
        return value;
    }

    private static int maxRetries(JsonObject options) {
        Object value = options.getValue("maxRetries");
        if (value == null) {
            return 1;
        }
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
                && number.intValue() >= 0 && number.intValue() <= 100) {
            return number.intValue();
        }
        throw CliOptions.invalid("maxRetries", "must be an integer from 0 to 100");
    }

    /** The provider {@code model_provider} names when {@code config} also defines it. */
    private static Optional<String> customProvider(JsonObject config) {
        if (!(config.getValue("model_provider") instanceof String id) || !Toml.isBareKey(id)) {
            return Optional.empty();
        }
        String table = "model_providers." + id;
        boolean defined = config.fieldNames().stream().anyMatch(key -> key.equals(table) || key.startsWith(table + "."))
                || (config.getValue("model_providers") instanceof JsonObject providers && providers.containsKey(id));
        return defined ? Optional.of(id) : Optional.empty();
    }
}
