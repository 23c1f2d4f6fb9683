package dev.junction.gateway.cli;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How each real CLI runs offline against a fake upstream: its environment and configuration, as
 * found out for the recorded fixtures ({@code /work/shared/fixtures/cli/README.md}). Every home is
 * a throw-away folder with its own {@code TMPDIR} inside (the CLIs leave files in the temp
 * directory: Claude {@code claude-<uid>/}, Codex its daemon folders, Gemini error reports);
 * nothing outside loopback is contacted.
 */
public final class Offline {

    public static final String ANTHROPIC_KEY = "sk-ant-stub-key";
    public static final String OPENAI_KEY = "sk-stub-key";
    public static final String GEMINI_KEY = "stub-gemini-key";
    /** The variable Codex's stub provider reads its key from ({@code env_key}). */
    public static final String CODEX_KEY_VARIABLE = "STUB_OPENAI_API_KEY";
    /** A model Gemini CLI accepts; naming one avoids the routing call of model {@code auto}. */
    public static final String GEMINI_MODEL = "gemini-2.5-flash";

    private Offline() {}

    /**
     * Claude Code: base URL and key, no telemetry, updater or error reporting, no retries (a
     * failure shows at once instead of after ten backoffs).
     */
    public static Map<String, String> claudeEnv(FakeAnthropic upstream, Path home) {
        return claudeEnv(upstream.baseUrl(), home);
    }

    /** {@link #claudeEnv(FakeAnthropic, Path)} for any Messages API, such as the gateway's. */
    public static Map<String, String> claudeEnv(String baseUrl, Path home) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", directory(home).toString());
        env.put("TMPDIR", directory(home.resolve("tmp")).toString());
        env.put("ANTHROPIC_BASE_URL", baseUrl);
        env.put("ANTHROPIC_API_KEY", ANTHROPIC_KEY);
        env.put("DISABLE_TELEMETRY", "1");
        env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
        env.put("DISABLE_AUTOUPDATER", "1");
        env.put("DISABLE_ERROR_REPORTING", "1");
        env.put("CLAUDE_CODE_MAX_RETRIES", "0");
        return env;
    }

    /**
     * Codex: the home and the key variable. {@code codexHome} must not be inside the system temp
     * directory (Codex then refuses to create its helper links and warns); see {@link #codexHome()}.
     */
    public static Map<String, String> codexEnv(Path home, Path codexHome) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", directory(home).toString());
        env.put("TMPDIR", directory(home.resolve("tmp")).toString());
        env.put("CODEX_HOME", directory(codexHome).toString());
        env.put(CODEX_KEY_VARIABLE, OPENAI_KEY);
        return env;
    }

    /**
     * Codex configuration overrides (dotted key to JSON value): the stub provider on the Responses
     * wire API, and no update check, analytics, feedback or remote plugins (without these Codex
     * resolves external hosts at start).
     */
    public static JsonObject codexConfig(FakeOpenAiResponses upstream) {
        return codexConfig(upstream.baseUrl() + "/v1");
    }

    /** {@link #codexConfig(FakeOpenAiResponses)} for any Responses API under {@code baseUrl} (such as the gateway's {@code /v1}). */
    public static JsonObject codexConfig(String baseUrl) {
        return new JsonObject()
                .put("model_provider", "stub")
                .put("model_providers.stub.name", "Stub upstream")
                .put("model_providers.stub.base_url", baseUrl)
                .put("model_providers.stub.env_key", CODEX_KEY_VARIABLE)
                .put("model_providers.stub.wire_api", "responses")
                .put("check_for_update_on_startup", false)
                .put("analytics.enabled", false)
                .put("feedback.enabled", false)
                .put("features.plugins", false)
                .put("features.remote_plugin", false)
                .put("features.apps", false);
    }

    /** {@code config} as Codex's {@code -c key=value} arguments (a JSON string is a valid TOML basic string). */
    public static List<String> codexConfigArgs(JsonObject config) {
        List<String> args = new ArrayList<>();
        for (String key : config.fieldNames()) {
            Object value = config.getValue(key);
            args.add("-c");
            args.add(key + "=" + (value instanceof String text ? Json.encode(text) : value));
        }
        return args;
    }

    /** A fresh folder for {@code CODEX_HOME} beside the CLI install (under {@code target/}). */
    public static Path codexHome() {
        try {
            Path parent = Files.createDirectories(RealClis.installed().dir().resolveSibling("real-cli-homes"));
            return Files.createTempDirectory(parent, "codex-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Gemini CLI: key and base URL, {@code settings.json} in {@code home} that selects the API-key
     * auth (else the base URL makes it pick the unsupported "gateway" auth and exit 41) and allows
     * one attempt, no self-relaunch, a trusted workspace.
     */
    public static Map<String, String> geminiEnv(FakeGemini upstream, Path home) {
        Path settings = directory(home.resolve(".gemini")).resolve("settings.json");
        try (InputStream template = Offline.class.getResourceAsStream("/cli/gemini-settings.json")) {
            Files.write(settings, template.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", home.toString());
        env.put("TMPDIR", directory(home.resolve("tmp")).toString());
        env.put("GEMINI_API_KEY", GEMINI_KEY);
        env.put("GOOGLE_GEMINI_BASE_URL", upstream.baseUrl());
        env.put("GEMINI_CLI_NO_RELAUNCH", "true");
        env.put("GEMINI_CLI_TRUST_WORKSPACE", "true");
        return env;
    }

    /** Deletes {@code dir} and everything in it, as far as it can. */
    public static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort: a CLI may still be writing its state
        }
    }

    /** {@code dir}, created with its parents if absent. */
    public static Path directory(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
