package dev.junction.gateway.backend;

import dev.junction.plugin.Backend;
import dev.junction.plugin.BackendContext;
import dev.junction.plugin.BackendFactory;
import org.pf4j.Extension;

/** A test plugin's factory that cannot even be made: its constructor throws. */
@Extension
public class ThrowingBackendFactory implements BackendFactory {

    public ThrowingBackendFactory() {
        throw new IllegalStateException("this factory needs a licence file");
    }

    @Override
    public Backend create(BackendContext context) {
        throw new AssertionError("never made");
    }
}
