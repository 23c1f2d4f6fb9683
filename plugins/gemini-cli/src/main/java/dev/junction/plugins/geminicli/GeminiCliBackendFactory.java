package dev.junction.plugins.geminicli;

import dev.junction.cli.CliBackend;
import dev.junction.cli.CliOptions;
import dev.junction.plugin.Backend;
import dev.junction.plugin.BackendContext;
import dev.junction.plugin.BackendFactory;
import org.pf4j.Extension;

/**
 * Creates gemini-cli backends: a {@link CliBackend} driving {@link GeminiCliProtocol}. Checks every
 * option at start, so a bad one fails the configuration rather than each request.
 */
@Extension
public class GeminiCliBackendFactory implements BackendFactory {

    private static final GeminiCliProtocol PROTOCOL = new GeminiCliProtocol();

    @Override
    public Backend create(BackendContext context) {
        CliOptions options = CliOptions.parse(context.options(), PROTOCOL);
        GeminiOptions.parse(options.raw());
        return new CliBackend(PROTOCOL, options, context);
    }
}
