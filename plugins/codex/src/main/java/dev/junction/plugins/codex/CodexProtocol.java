package dev.junction.plugins.codex;

import dev.junction.cli.CliOptions;
import dev.junction.cli.CliProtocol;
import dev.junction.cli.CliRun;
import dev.junction.cli.TempFiles;
import dev.junction.cli.Transcript;
import dev.junction.plugin.BackendException;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ErrorKind;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The Codex CLI, driven through {@code codex app-server} for token deltas. The model {@code codex}
 * is the CLI's default model; other names go to Codex as they are, unless {@code options.modelMap}
 * maps them. The request's system instructions become the thread's developer instructions, next to
 * Codex's own. Client tools are refused: Codex runs its own tools (shell, patches) inside its
 * sandbox and reports none of them as tool calls. Stateless and thread-safe.
 *
 * <table>
 *   <caption>Plugin options</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code sandbox}</td><td>{@code read-only}</td><td>where Codex's own shell commands may
 *       write: {@code read-only}, {@code workspace-write} or {@code danger-full-access}</td></tr>
 *   <tr><td>{@code approvalPolicy}</td><td>{@code never}</td><td>when Codex asks before a command:
 *       {@code never}, {@code on-request}, {@code on-failure} or {@code untrusted}; the gateway
 *       declines every approval Codex asks for</td></tr>
 *   <tr><td>{@code config}</td><td>none</td><td>extra Codex configuration, one {@code -c key=value}
 *       each: a dotted key and a JSON value written as TOML (a map becomes an inline table)</td></tr>
 *   <tr><td>{@code maxRetries}</td><td>{@code 1}</td><td>request retries and stream reconnects (0 to
 *       100) of the model provider {@code config} selects, when {@code config} also defines it;
 *       Codex's built-in provider keeps its own</td></tr>
 * </table>
 *
 * <p>Every problem with them is reported as {@code options.<key>: ...} (see {@link CodexSettings}).
 */
public final class CodexProtocol implements CliProtocol {

    @Override
    public String displayName() {
        return "Codex";
    }

    @Override
    public String defaultCommand() {
        return "codex";
    }

    @Override
    public String installHint() {
        return "npm install -g @openai/codex";
    }

    @Override
    public Map<String, String> defaultModelMap() {
        return Map.of("codex", "");
    }

    @Override
    public String configFolder() {
        return ".codex";
    }

    /** {@code CODEX_HOME}; the run's {@code TMPDIR} is beside the home, so Codex makes its helper links there. */
    @Override
    public Map<String, String> homeEnvironment(Path home) {
        return Map.of("CODEX_HOME", home.resolve(configFolder()).toString());
    }

    @Override
    public Set<String> pluginOptionKeys() {
        return CodexSettings.KEYS;
    }

    @Override
    public CliRun prepare(ChatRequest request, CliOptions options, TempFiles files) {
        if (!request.tools().isEmpty()) {
            throw new BackendException(ErrorKind.INVALID_REQUEST, "codex does not take client tools");
        }
        CodexSettings settings = CodexSettings.parse(options.raw());
        JsonObject thread = new JsonObject()
                .put("ephemeral", true)
                .put("approvalPolicy", settings.approvalPolicy())
                .put("sandbox", settings.sandbox());
        options.cliModel(request.model()).ifPresent(model -> thread.put("model", model));
        String system = Transcript.system(request);
        if (!system.isEmpty()) {
            thread.put("developerInstructions", system);
        }
        return new CodexRun(AppServerArguments.of(settings), thread, TurnInput.of(request, files), request.model());
    }
}
