package dev.junction.gateway;

import dev.junction.gateway.backend.PluginHost;
import dev.junction.gateway.backend.PluginInfo;
import dev.junction.gateway.http.PluginAdmin;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.function.Supplier;

/**
 * The gateway's side of the admin endpoints: lists the plugin folder off the event loop, and rescans
 * it by reapplying the configuration in force, the path a configuration reload takes. Both wait in
 * the gateway's {@link ChangeQueue} (the {@link PluginHost} serves one caller at a time), and for
 * the gateway to have started.
 */
final class AdminPlugins implements PluginAdmin {

    private final Vertx vertx;
    private final PluginHost plugins;
    private final ChangeQueue changes;
    private final Future<Supplier<Future<Void>>> reapply;

    /** @param reapply once the gateway started, what puts its configuration in force again */
    AdminPlugins(Vertx vertx, PluginHost plugins, ChangeQueue changes, Future<Supplier<Future<Void>>> reapply) {
        this.vertx = vertx;
        this.plugins = plugins;
        this.changes = changes;
        this.reapply = reapply;
    }

    @Override
    public Future<List<PluginInfo>> plugins() {
        return reapply.compose(started -> changes.run(this::list));
    }

    @Override
    public Future<List<PluginInfo>> rescan() {
        return reapply.compose(started -> changes.run(() -> started.get().compose(applied -> list())));
    }

    private Future<List<PluginInfo>> list() {
        return vertx.executeBlocking(plugins::plugins);
    }
}
