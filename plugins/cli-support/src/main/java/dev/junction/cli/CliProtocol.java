package dev.junction.cli;

import dev.junction.plugin.ChatRequest;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/** What one CLI plugin knows about its CLI. Stateless and thread-safe. */
public interface CliProtocol {

    /** The CLI's name for messages: {@code "Claude Code"}. */
    String displayName();

    /** The command run when the options name none: {@code "claude"}. */
    String defaultCommand();

    /** How to install the CLI, shown when it is missing: {@code "npm install -g @anthropic-ai/claude-code"}. */
    String installHint();

    /**
     * Model aliases every backend of this plugin knows, before {@code options.modelMap}: an empty
     * value means the CLI's default model, so {@code {"claude": ""}} passes no {@code --model}.
     */
    Map<String, String> defaultModelMap();

    /** The folder inside a home where the CLI keeps its configuration and login: {@code ".claude"}. */
    String configFolder();

    /**
     * The variables, beyond {@code HOME}, that make the CLI keep its configuration in the run's
     * sealed {@code home} ({@link SealedRun}): {@code CLAUDE_CONFIG_DIR=<home>/.claude}.
     */
    Map<String, String> homeEnvironment(Path home);

    /** The option keys this plugin reads beyond the common ones of {@link CliOptions}. */
    Set<String> pluginOptionKeys();

    /**
     * Prepares one run for {@code request}: arguments, environment, and the reader of its output.
     *
     * @param files where to put temporary files (images); deleted after the run. The run's sealed
     *     home is its folder {@code home} ({@link TempFiles#folder}), made before this is called
     * @throws dev.junction.plugin.BackendException with {@code INVALID_REQUEST} for what the CLI
     *     cannot take (an image it cannot read), naming it
     */
    CliRun prepare(ChatRequest request, CliOptions options, TempFiles files);
}
