package dev.junction.plugins.geminicli;

import dev.junction.cli.CliOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;

/**
 * The gemini-cli plugin's own options, beside the common ones of {@link CliOptions}.
 *
 * <table>
 *   <caption>Options</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code approvalMode}</td><td>{@code "default"}</td><td>{@code --approval-mode}: in
 *       {@code default} a headless run offers the model only read-only tools; {@code auto_edit},
 *       {@code yolo} and {@code plan} are allowed too</td></tr>
 *   <tr><td>{@code maxAttempts}</td><td>{@code 1}</td><td>{@code general.maxAttempts} (1..10): the CLI
 *       retries 429, 5xx and connection failures up to this many attempts with 5–30 s backoff</td></tr>
 *   <tr><td>{@code skipTrust}</td><td>{@code true}</td><td>{@code --skip-trust}: without it a headless
 *       run in an untrusted folder exits with code 55</td></tr>
 *   <tr><td>{@code isolatedHome}</td><td>{@code true}</td><td>write the generated settings file into
 *       the run's sealed home; false writes none, so the files copied from {@code options.configFrom}
 *       (a Google login's {@code ~/.gemini}) are the CLI's settings</td></tr>
 *   <tr><td>{@code settings}</td><td>{@code {}}</td><td>an object deep-merged over the generated
 *       settings file; needs {@code isolatedHome}</td></tr>
 * </table>
 */
record GeminiOptions(String approvalMode, int maxAttempts, boolean skipTrust, boolean isolatedHome, JsonObject settings) {

    static final Set<String> KEYS = Set.of("approvalMode", "maxAttempts", "skipTrust", "isolatedHome", "settings");

    private static final List<String> APPROVAL_MODES = List.of("default", "auto_edit", "yolo", "plan");

    /**
     * Reads and checks the plugin's keys of {@code options}.
     *
     * @throws dev.junction.plugin.BackendException with {@code INVALID_REQUEST} naming the bad option
     */
    static GeminiOptions parse(JsonObject options) {
        String approvalMode = CliOptions.string(options, "approvalMode", "default");
        if (!APPROVAL_MODES.contains(approvalMode)) {
            throw CliOptions.invalid("approvalMode", "must be one of " + String.join(", ", APPROVAL_MODES));
        }
        boolean isolatedHome = CliOptions.bool(options, "isolatedHome", true);
        if (!isolatedHome) {
            if (!options.containsKey("configFrom")) {
                throw CliOptions.invalid("isolatedHome", "false needs options.configFrom, the folder of a Google login"
                        + " (such as /home/<you>/.gemini): every run has a home of its own");
            }
            for (String key : List.of("maxAttempts", "settings")) {
                if (options.containsKey(key)) {
                    throw CliOptions.invalid(key, "needs options.isolatedHome: Gemini CLI reads settings only from its home");
                }
            }
        }
        return new GeminiOptions(
                approvalMode,
                maxAttempts(options),
                CliOptions.bool(options, "skipTrust", true),
                isolatedHome,
                settings(options));
    }

    private static int maxAttempts(JsonObject options) {
        Object value = options.getValue("maxAttempts");
        if (value == null) {
            return 1;
        }
        if (value instanceof Number number) {
            double attempts = number.doubleValue();
            if (attempts == Math.rint(attempts) && attempts >= 1 && attempts <= 10) {
                return (int) attempts;
            }
        }
        throw CliOptions.invalid("maxAttempts", "must be an integer from 1 to 10");
    }

    private static JsonObject settings(JsonObject options) {
        Object value = options.getValue("settings");
        if (value == null) {
            return new JsonObject();
        }
        if (value instanceof JsonObject object) {
            return object.copy();
        }
        throw CliOptions.invalid("settings", "must be an object");
    }
}
