package dev.junction.plugins.claude;

import dev.junction.cli.CliOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;

/**
 * The options only the claude-code plugin reads, beside the common ones of {@link CliOptions}.
 *
 * <table>
 * <caption>Plugin options</caption>
 * <tr><th>key</th><th>default</th><th>effect</th></tr>
 * <tr><td>{@code permissionMode}</td><td>{@code "dontAsk"}</td><td>{@code --permission-mode}: one of
 *     {@code acceptEdits, auto, bypassPermissions, default, dontAsk, plan}</td></tr>
 * <tr><td>{@code allowedTools}</td><td>none</td><td>{@code --allowedTools=a,b}</td></tr>
 * <tr><td>{@code disallowedTools}</td><td>none</td><td>{@code --disallowedTools=a,b}</td></tr>
 * <tr><td>{@code tools}</td><td>the CLI's built-in set</td><td>{@code --tools=a,b}; {@code []} gives
 *     {@code --tools=}: no tools, pure chat</td></tr>
 * <tr><td>{@code systemPromptMode}</td><td>{@code "append"}</td><td>the request's system text goes in
 *     {@code --append-system-prompt=}, or with {@code "replace"} in {@code --system-prompt=}</td></tr>
 * <tr><td>{@code maxRetries}</td><td>{@code 2}</td><td>{@code CLAUDE_CODE_MAX_RETRIES}, unless
 *     {@code options.env} sets it</td></tr>
 * <tr><td>{@code maxTurns}</td><td>none</td><td>{@code --max-turns=N}</td></tr>
 * </table>
 *
 * @param tools the tools the CLI may use, or {@code null} for its built-in set
 * @param maxTurns the most agent turns, or {@code null} for no limit
 */
public record ClaudeOptions(
        String permissionMode,
        List<String> allowedTools,
        List<String> disallowedTools,
        List<String> tools,
        SystemPromptMode systemPromptMode,
        int maxRetries,
        Integer maxTurns) {

    /** The keys this record reads. */
    public static final Set<String> KEYS = Set.of(
            "permissionMode", "allowedTools", "disallowedTools", "tools", "systemPromptMode", "maxRetries", "maxTurns");

    /** The values {@code --permission-mode} takes (Claude Code 2.1.197). */
    public static final Set<String> PERMISSION_MODES =
            Set.of("acceptEdits", "auto", "bypassPermissions", "default", "dontAsk", "plan");

    /** Where the request's system text goes. */
    public enum SystemPromptMode {
        /** After Claude Code's own system prompt: {@code --append-system-prompt}. */
        APPEND,
        /** Instead of it: {@code --system-prompt}. */
        REPLACE
    }

    public ClaudeOptions {
        allowedTools = List.copyOf(allowedTools);
        disallowedTools = List.copyOf(disallowedTools);
        tools = tools == null ? null : List.copyOf(tools);
    }

    /**
     * Reads and checks the plugin's keys of a backend's {@code options}; other keys are left to
     * {@link CliOptions#parse}.
     *
     * @throws dev.junction.plugin.BackendException with {@code INVALID_REQUEST} naming the bad option
     */
    public static ClaudeOptions parse(JsonObject options) {
        String permissionMode = CliOptions.string(options, "permissionMode", "dontAsk");
        if (!PERMISSION_MODES.contains(permissionMode)) {
            List<String> modes = PERMISSION_MODES.stream().sorted().toList();
            throw CliOptions.invalid("permissionMode", "must be one of " + String.join(", ", modes));
        }
        String promptMode = CliOptions.string(options, "systemPromptMode", "append");
        if (!promptMode.equals("append") && !promptMode.equals("replace")) {
            throw CliOptions.invalid("systemPromptMode", "must be \"append\" or \"replace\"");
        }
        return new ClaudeOptions(
                permissionMode,
                CliOptions.strings(options, "allowedTools"),
                CliOptions.strings(options, "disallowedTools"),
                options.getValue("tools") != null ? CliOptions.strings(options, "tools") : null,
                promptMode.equals("append") ? SystemPromptMode.APPEND : SystemPromptMode.REPLACE,
                integer(options, "maxRetries", 2, 0),
                options.getValue("maxTurns") != null ? integer(options, "maxTurns", 0, 1) : null);
    }

    private static int integer(JsonObject options, String key, int fallback, int min) {
        Object value = options.getValue(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number number
                && number.doubleValue() == Math.rint(number.doubleValue())
                && number.doubleValue() >= min
                && number.doubleValue() <= Integer.MAX_VALUE) {
            return number.intValue();
        }
        throw CliOptions.invalid(key, "must be an integer of at least " + min);
    }
}
