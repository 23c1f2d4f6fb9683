package dev.junction.gateway;

import dev.junction.gateway.backend.PluginHost;
import dev.junction.gateway.http.PluginAdmin;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The gateway's side of the admin endpoints: lists the plugin folder off the event loop, with the
 * backends of the configuration in force, and rescans the folder by reapplying that configuration,
 * the path a configuration reload takes. Both wait in the gateway's {@link ChangeQueue} (the
 * {@link PluginHost} serves one caller at a time, and a listing then shows what a reload under way
 * did), and for the gateway to have started.
 */
final class AdminPlugins implements PluginAdmin {

    private final Vertx vertx;
    private final PluginHost plugins;
    private final ChangeQueue changes;
    private final Future<Gateway> gateway;

    /** @param gateway the gateway these plugins are of, once it started */
    AdminPlugins(Vertx vertx, PluginHost plugins, ChangeQueue changes, Future<Gateway> gateway) {
        this.vertx = vertx;
        this.plugins = plugins;
        this.changes = changes;
        this.gateway = gateway;
    }

    @Override
    public Future<Listing> plugins() {
        return gateway.compose(started -> changes.run(() -> list(started)));
    }

    @Override
    public Future<Listing> rescan() {
        return gateway.compose(started -> changes.run(() -> started.reapply().compose(applied -> list(started))));
    }

    private Future<Listing> list(Gateway started) {
        return vertx.executeBlocking(plugins::plugins)
                .map(listed -> new Listing(listed, started.configuration().backends().values()));
    }
}
