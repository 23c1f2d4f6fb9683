package dev.junction.plugins.claude;

import dev.junction.cli.CliOptions;
import dev.junction.cli.CliProtocol;
import dev.junction.cli.CliRun;
import dev.junction.cli.TempFiles;
import dev.junction.cli.Transcript;
import dev.junction.plugin.BackendException;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ContentPart;
import dev.junction.plugin.ErrorKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How Junction runs Claude Code: {@code claude -p --output-format=stream-json --verbose
 * --include-partial-messages} with the prompt on stdin, never prompting for permissions and keeping
 * no session. The request's system text goes in one {@code --append-system-prompt=<text>} (or
 * {@code --system-prompt=<text>}) argument, so text that starts with {@code -} is never read as a
 * flag. Requests with images send one stream-json user line instead of plain text.
 *
 * <p>Claude Code runs its own tools; it cannot call tools the client defines, so requests with
 * tools are refused. Plugin options: see {@link ClaudeOptions}. Immutable and thread-safe.
 */
public final class ClaudeCodeProtocol implements CliProtocol {

    private final ClaudeOptions claude;

    public ClaudeCodeProtocol(ClaudeOptions claude) {
        this.claude = claude;
    }

    @Override
    public String displayName() {
        return "Claude Code";
    }

    @Override
    public String defaultCommand() {
        return "claude";
    }

    @Override
    public String installHint() {
        return "npm install -g @anthropic-ai/claude-code";
    }

    @Override
    public Map<String, String> defaultModelMap() {
        return Map.of("claude", "");
    }

    @Override
    public Set<String> pluginOptionKeys() {
        return ClaudeOptions.KEYS;
    }

    @Override
    public CliRun prepare(ChatRequest request, CliOptions options, TempFiles files) {
        if (!request.tools().isEmpty()) {
            throw new BackendException(
                    ErrorKind.INVALID_REQUEST,
                    "claude-code does not take client tools: Claude Code runs only its own tools, inside the CLI");
        }
        List<ContentPart.Image> images = Transcript.images(request);
        if (images.stream().anyMatch(image -> image.url() != null)) {
            throw new BackendException(ErrorKind.INVALID_REQUEST, "claude-code takes images as data, not URLs");
        }
        String prompt = Transcript.prompt(request);
        return new ClaudeRun(
                arguments(options.cliModel(request.model()), Transcript.system(request), !images.isEmpty()),
                environment(),
                images.isEmpty() ? prompt : UserLine.of(prompt, images),
                new ClaudeStream(request.model()));
    }

    private List<String> arguments(Optional<String> model, String system, boolean streamJsonInput) {
        List<String> args = new ArrayList<>(List.of(
                "-p",
                "--output-format=stream-json",
                "--verbose",
                "--include-partial-messages",
                "--no-session-persistence",
                "--permission-mode=" + claude.permissionMode()));
        if (streamJsonInput) {
            args.add("--input-format=stream-json");
        }
        model.ifPresent(name -> args.add("--model=" + name));
        if (!system.isEmpty()) {
            String flag = claude.systemPromptMode() == ClaudeOptions.SystemPromptMode.APPEND
                    ? "--append-system-prompt="
                    : "--system-prompt=";
            args.add(flag + system);
        }
        if (claude.tools() != null) {
            args.add("--tools=" + String.join(",", claude.tools()));
        }
        if (!claude.allowedTools().isEmpty()) {
            args.add("--allowedTools=" + String.join(",", claude.allowedTools()));
        }
        if (!claude.disallowedTools().isEmpty()) {
            args.add("--disallowedTools=" + String.join(",", claude.disallowedTools()));
        }
        if (claude.maxTurns() != null) {
            args.add("--max-turns=" + claude.maxTurns());
        }
        return args;
    }

    /** Bounded retries, no silent non-streaming retry, no traffic beyond the model API. */
    private Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CLAUDE_CODE_MAX_RETRIES", String.valueOf(claude.maxRetries()));
        env.put("CLAUDE_CODE_DISABLE_NONSTREAMING_FALLBACK", "1");
        env.put("DISABLE_AUTOUPDATER", "1");
        env.put("DISABLE_TELEMETRY", "1");
        env.put("DISABLE_ERROR_REPORTING", "1");
        env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
        return env;
    }
}
