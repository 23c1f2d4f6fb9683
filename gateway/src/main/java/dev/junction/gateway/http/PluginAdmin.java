package dev.junction.gateway.http;

import dev.junction.gateway.backend.PluginInfo;
import dev.junction.gateway.config.BackendConfig;
import io.vertx.core.Future;
import java.util.Collection;
import java.util.List;

/**
 * What the admin endpoints ask of the node's plugins ({@link AdminEndpoints}); the gateway provides
 * it. Thread-safe; never blocks the caller.
 */
public interface PluginAdmin {

    /**
     * The JARs of the plugin folder, as {@code PluginHost.plugins()} lists them, and the backends of
     * the configuration in force at that moment.
     */
    record Listing(List<PluginInfo> plugins, Collection<BackendConfig> backends) {

        public Listing {
            plugins = List.copyOf(plugins);
            backends = List.copyOf(backends);
        }
    }

    /** The plugin folder and the backends, once the reload under way (if any) is done. */
    Future<Listing> plugins();

    /**
     * Loads the JARs dropped into the plugin folder since it was last looked at and brings the
     * backends in line, as a configuration reload does; then lists them.
     */
    Future<Listing> rescan();
}
