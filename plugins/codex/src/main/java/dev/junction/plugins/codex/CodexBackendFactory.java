package dev.junction.plugins.codex;

import dev.junction.cli.CliBackend;
import dev.junction.cli.CliOptions;
import dev.junction.plugin.Backend;
import dev.junction.plugin.BackendContext;
import dev.junction.plugin.BackendFactory;
import org.pf4j.Extension;

/**
 * Creates Codex backends: {@link CodexProtocol} run by a {@link CliBackend}. Checks every option at
 * creation, so a bad one stops the gateway's start with its path ({@code options.sandbox: ...}).
 */
@Extension
public class CodexBackendFactory implements BackendFactory {

    private final CodexProtocol protocol = new CodexProtocol();

    @Override
    public Backend create(BackendContext context) {
        CliOptions options = CliOptions.parse(context.options(), protocol);
        CodexSettings.parse(options.raw());
        return new CliBackend(protocol, options, context);
    }
}
