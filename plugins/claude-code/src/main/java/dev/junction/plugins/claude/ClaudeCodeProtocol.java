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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How Junction runs Claude Code: {@code claude -p --input-format=stream-json
 * --output-format=stream-json --verbose --include-partial-messages --disable-slash-commands} with
 * the prompt in one stream-json user line on stdin ({@link UserLine}), never prompting for
 * permissions and keeping no session. The request's system text goes in one
 * {@code --append-system-prompt=<text>} (or {@code --system-prompt=<text>}) argument, so text that
 * starts with {@code -} is never read as a flag.
 *
 * <p>Prompts are text, never commands: Claude Code treats the last text block of the user line as
 * typed input, running a leading {@code /word} as a slash command and reading {@code @path} files
 * into the prompt, and {@code --disable-slash-commands} alone only turns {@code /config} into the
 * local answer "isn't available in this environment". So the line ends with a whitespace-only
 * block, which the CLI drops before calling the API, and {@code CLAUDE_CODE_DISABLE_ATTACHMENTS=1}
 * turns off {@code @} files besides (both verified with Claude Code 2.1.197).
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
    public String configFolder() {
        return ".claude";
    }

    @Override
    public Map<String, String> homeEnvironment(Path home) {
        return Map.of("CLAUDE_CONFIG_DIR", home.resolve(configFolder()).toString());
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
                arguments(options.cliModel(request.model()), Transcript.system(request)),
                environment(),
                UserLine.of(prompt, images),
                new ClaudeStream(request.model()));
    }

    private List<String> arguments(Optional<String> model, String system) {
        List<String> args = new ArrayList<>(List.of(
                "-p",
                "--input-format=stream-json",
                "--output-format=stream-json",
                "--verbose",
                "--include-partial-messages",
                "--no-session-persistence",
                "--disable-slash-commands",
                "--permission-mode=" + claude.permissionMode()));
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

    /** Bounded retries, no silent non-streaming retry, no traffic beyond the model API, no {@code @} files. */
    private Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CLAUDE_CODE_MAX_RETRIES", String.valueOf(claude.maxRetries()));
        env.put("CLAUDE_CODE_DISABLE_NONSTREAMING_FALLBACK", "1");
        env.put("CLAUDE_CODE_DISABLE_ATTACHMENTS", "1");
        env.put("DISABLE_AUTOUPDATER", "1");
        env.put("DISABLE_TELEMETRY", "1");
        env.put("DISABLE_ERROR_REPORTING", "1");
        env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
        return env;
    }
}
