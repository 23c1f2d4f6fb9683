package dev.junction.gateway.http;

import dev.junction.gateway.backend.PluginInfo;
import io.vertx.core.Future;
import java.util.List;

/**
 * What the admin endpoints ask of the node's plugins ({@link AdminEndpoints}); the gateway provides
 * it. Thread-safe; never blocks the caller.
 */
public interface PluginAdmin {

    /** The JARs of the plugin folder, as {@code PluginHost.plugins()} lists them. */
    Future<List<PluginInfo>> plugins();

    /**
     * Loads the JARs dropped into the plugin folder since it was last looked at and brings the
     * backends in line, as a configuration reload does; then lists the JARs.
     */
    Future<List<PluginInfo>> rescan();
}
