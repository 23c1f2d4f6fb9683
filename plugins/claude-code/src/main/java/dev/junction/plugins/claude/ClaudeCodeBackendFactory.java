package dev.junction.plugins.claude;

import dev.junction.cli.CliBackend;
import dev.junction.cli.CliOptions;
import dev.junction.plugin.Backend;
import dev.junction.plugin.BackendContext;
import dev.junction.plugin.BackendFactory;
import org.pf4j.Extension;

/**
 * Creates claude-code backends: Claude Code run once per request by a {@link CliBackend}. Options:
 * the common ones of {@link CliOptions} and the plugin's own of {@link ClaudeOptions}; a bad one
 * fails here, naming it.
 */
@Extension
public class ClaudeCodeBackendFactory implements BackendFactory {

    @Override
    public Backend create(BackendContext context) {
        ClaudeCodeProtocol protocol = new ClaudeCodeProtocol(ClaudeOptions.parse(context.options()));
        return new CliBackend(protocol, CliOptions.parse(context.options(), protocol), context);
    }
}
