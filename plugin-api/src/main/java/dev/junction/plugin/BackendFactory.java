package dev.junction.plugin;

import org.pf4j.ExtensionPoint;

/**
 * The extension a backend plugin provides: mark the implementation with
 * {@code @org.pf4j.Extension}. The gateway calls {@link #create} once per configured backend that
 * names the plugin, on a worker thread, so it may check its environment (a CLI on the path).
 *
 * @since 1.0.0
 */
public interface BackendFactory extends ExtensionPoint {

    /**
     * Builds a backend from its options.
     *
     * @throws BackendException with {@link ErrorKind#INVALID_REQUEST} when the options are wrong;
     *     its message names the offending option
     */
    Backend create(BackendContext context);
}
