package dev.junction.plugins.echo;

import dev.junction.plugin.Backend;
import dev.junction.plugin.BackendContext;
import dev.junction.plugin.BackendFactory;
import org.pf4j.Extension;

/** Creates {@link EchoBackend}s. The echo plugin takes no options. */
@Extension
public class EchoBackendFactory implements BackendFactory {

    @Override
    public Backend create(BackendContext context) {
        return new EchoBackend();
    }
}
