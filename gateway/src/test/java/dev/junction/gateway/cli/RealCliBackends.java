package dev.junction.gateway.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The gateway's {@code backends:} entries that run the real CLIs against fake upstreams, one per
 * plugin (claude-code, codex, gemini-cli), with the environment of {@link Offline}. The options go
 * in as a JSON flow mapping, which is YAML too, so paths and URLs need no quoting.
 */
public final class RealCliBackends {

    private RealCliBackends() {}

    /**
     * Claude Code as backend {@code claude} for model {@code claude}: pure chat (no tools), the
     * request's system text replaces Claude's own, no retries.
     */
    public static String claude(RealClis clis, FakeAnthropic upstream, Path dir, int maxConcurrency) {
        Map<String, String> env = Offline.claudeEnv(upstream, dir.resolve("claude-home"));
        env.remove("CLAUDE_CODE_MAX_RETRIES"); // the plugin's maxRetries sets it
        JsonObject options = common(clis.claude(), env, dir, maxConcurrency)
                .put("tools", new JsonArray())
                .put("systemPromptMode", "replace")
                .put("maxRetries", 0);
        return entry("claude", "claude-code", "claude", options);
    }

    /**
     * Codex as backend {@code codex} for model {@code codex}: the stub provider through
     * {@code config}, no retries, read-only sandbox, never asking for approval.
     */
    public static String codex(RealClis clis, FakeOpenAiResponses upstream, Path dir, Path codexHome, int maxConcurrency) {
        JsonObject options = common(clis.codex(), Offline.codexEnv(dir.resolve("codex-home"), codexHome), dir, maxConcurrency)
                .put("config", Offline.codexConfig(upstream))
                .put("maxRetries", 0)
                .put("sandbox", "read-only")
                .put("approvalPolicy", "never");
        return entry("codex", "codex", "codex", options);
    }

    /**
     * Gemini CLI as backend {@code gemini} for model {@code gemini}, mapped to a concrete model so
     * each request makes exactly one upstream call (model {@code auto} adds a routing call), one
     * attempt, trust skipped.
     */
    public static String gemini(RealClis clis, FakeGemini upstream, Path dir, int maxConcurrency) {
        JsonObject options = common(clis.gemini(), Offline.geminiEnv(upstream, dir.resolve("gemini-home")), dir, maxConcurrency)
                .put("modelMap", new JsonObject().put("gemini", Offline.GEMINI_MODEL))
                .put("maxAttempts", 1)
                .put("skipTrust", true);
        return entry("gemini", "gemini-cli", "gemini", options);
    }

    /**
     * The three backends as an operator might write them, with {@code env.HOME} set to {@code home}
     * and no {@code workingDirectory} (so the gateway picks both folders of each run); the upstream
     * settings of the others, without their {@code HOME}, {@code TMPDIR} and {@code CODEX_HOME}.
     * {@code scratch} takes the Gemini settings template, which the plugin's own settings replace.
     */
    public static String allAsOperator(
            RealClis clis, FakeAnthropic anthropic, FakeOpenAiResponses openai, FakeGemini gemini, Path home, Path scratch) {
        Map<String, String> claudeEnv = operatorEnv(Offline.claudeEnv(anthropic, scratch.resolve("claude")), home);
        claudeEnv.remove("CLAUDE_CODE_MAX_RETRIES");
        JsonObject claude = operator(clis.claude(), claudeEnv)
                .put("tools", new JsonArray())
                .put("maxRetries", 0);
        Map<String, String> codexEnv = operatorEnv(Offline.codexEnv(scratch.resolve("codex"), scratch.resolve("codex-home")), home);
        codexEnv.remove("CODEX_HOME");
        JsonObject codex = operator(clis.codex(), codexEnv)
                .put("config", Offline.codexConfig(openai))
                .put("maxRetries", 0);
        JsonObject geminiOptions = operator(clis.gemini(), operatorEnv(Offline.geminiEnv(gemini, scratch.resolve("gemini")), home))
                .put("modelMap", new JsonObject().put("gemini", Offline.GEMINI_MODEL))
                .put("maxAttempts", 1);
        return entry("claude", "claude-code", "claude", claude)
                + entry("codex", "codex", "codex", codex)
                + entry("gemini", "gemini-cli", "gemini", geminiOptions);
    }

    private static Map<String, String> operatorEnv(Map<String, String> env, Path home) {
        Map<String, String> operator = new LinkedHashMap<>(env);
        operator.remove("TMPDIR");
        operator.put("HOME", home.toString());
        return operator;
    }

    private static JsonObject operator(Path command, Map<String, String> env) {
        return new JsonObject()
                .put("command", command.toString())
                .put("env", new JsonObject(new LinkedHashMap<String, Object>(env)))
                .put("timeoutSeconds", 60)
                .put("idleTimeoutSeconds", 30);
    }

    private static JsonObject common(Path command, Map<String, String> env, Path dir, int maxConcurrency) {
        return new JsonObject()
                .put("command", command.toString())
                .put("env", new JsonObject(new LinkedHashMap<String, Object>(env)))
                .put("workingDirectory", Offline.directory(dir.resolve("work")).toString())
                .put("timeoutSeconds", 60)
                .put("idleTimeoutSeconds", 30)
                .put("maxConcurrency", maxConcurrency)
                .put("maxQueue", 64);
    }

    private static String entry(String id, String plugin, String model, JsonObject options) {
        return "  " + id + ":\n    plugin: " + plugin + "\n    models: [" + model + "]\n    options: " + options.encode() + "\n";
    }
}
