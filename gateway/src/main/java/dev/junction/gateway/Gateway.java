package dev.junction.gateway;

import dev.junction.gateway.backend.BackendHost;
import dev.junction.gateway.backend.PluginHost;
import dev.junction.gateway.backend.PluginWatcher;
import dev.junction.gateway.bus.BusCodecs;
import dev.junction.gateway.bus.NodeDirectory;
import dev.junction.gateway.cluster.ClusterView;
import dev.junction.gateway.cluster.LocalNode;
import dev.junction.gateway.cluster.Membership;
import dev.junction.gateway.config.ConfigWatcher;
import dev.junction.gateway.config.GatewayConfig;
import dev.junction.gateway.config.ReloadReport;
import dev.junction.gateway.http.HttpServers;
import dev.junction.gateway.http.NodeServices;
import dev.junction.gateway.http.PluginAdmin;
import dev.junction.gateway.metrics.GatewayMetrics;
import dev.junction.gateway.resilience.CircuitBreakers;
import dev.junction.gateway.state.ResponseStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A running gateway on a Vert.x instance: the plugins of the configured folder, a verticle per
 * backend, the node's services ({@link NodeServices}: limits, circuit breakers, timeouts, metered
 * in a {@link GatewayMetrics}) made once and shared by the {@code server.instances} instances of
 * the HTTP server ({@link HttpServers}), the watcher that applies changes of the configuration
 * file ({@code server.reloadSeconds}), and the one that applies the plugin folder's
 * ({@code plugins.scanIntervalMillis}); these changes, a rescan asked for at
 * {@code POST /admin/plugins/reload} and shutdown run one at a time ({@link ChangeQueue}).
 * {@link #start} composes the steps; {@link #stop} undoes them. Build the Vert.x instance with
 * {@link GatewayMetrics#vertxBuilder} of the same metrics, so that {@code /metrics} also shows
 * Vert.x's own meters.
 */
public final class Gateway {

    /** How an answer still running when the drain time is up ends. */
    private static final String SHUTTING_DOWN = "gateway shutting down";

    private final Vertx vertx;
    private final Membership membership;
    private final PluginHost plugins;
    private final GatewayMetrics metrics;
    private final LocalNode node;
    private final NodeServices services;
    private final HttpServers http;
    private final ChangeQueue changes;
    private final List<Consumer<ReloadReport>> reloadListeners = new CopyOnWriteArrayList<>();
    private volatile GatewayConfig config;
    private volatile ConfigWatcher watcher;
    private volatile PluginWatcher pluginWatcher;
    private volatile boolean stopping;

    private Gateway(
            Vertx vertx,
            Membership membership,
            PluginHost plugins,
            GatewayMetrics metrics,
            LocalNode node,
            NodeServices services,
            HttpServers http,
            ChangeQueue changes,
            GatewayConfig config) {
        this.vertx = vertx;
        this.membership = membership;
        this.plugins = plugins;
        this.metrics = metrics;
        this.node = node;
        this.services = services;
        this.http = http;
        this.changes = changes;
        this.config = config;
    }

    /** Loads the plugins, deploys the backends, then starts serving HTTP and watching the configuration file. */
    public static Future<Gateway> start(Vertx vertx, GatewayMetrics metrics, GatewayConfig config) {
        return start(vertx, metrics, config, null);
    }

    /**
     * As {@link #start(Vertx, GatewayMetrics, GatewayConfig)}, with the access log lines going to
     * {@code accessLog} instead of the {@code junction.access} logger (when not null).
     */
    public static Future<Gateway> start(
            Vertx vertx, GatewayMetrics metrics, GatewayConfig config, Consumer<String> accessLog) {
        BusCodecs.register(vertx.eventBus());
        Membership membership = Membership.of(vertx);
        metrics.node(membership.nodeId());
        NodeDirectory nodes = new NodeDirectory(membership);
        PluginHost plugins = new PluginHost(config.plugins().dir(), pluginApiVersion());
        ChangeQueue changes = new ChangeQueue(vertx.getOrCreateContext());
        Promise<Gateway> running = Promise.promise();
        PluginAdmin admin = new AdminPlugins(vertx, plugins, changes, running.future());
        return vertx.executeBlocking(() -> {
                    plugins.start();
                    metrics.plugins(plugins.states());
                    return plugins;
                })
                .compose(started -> vertx.deployVerticle(nodes))
                .compose(started -> BackendHost.deploy(vertx, plugins, config.backends().values(), metrics, nodes))
                .compose(host -> {
                    CircuitBreakers breakers = new CircuitBreakers(vertx);
                    LocalNode node = new LocalNode(vertx, membership.nodeId(), host, breakers, config.backends().values());
                    ClusterView cluster = new ClusterView(vertx, membership, node);
                    return NodeServices.start(
                                    vertx, config, host, nodes, cluster, breakers, metrics, membership, accessLog, admin)
                            .compose(services -> HttpServers.deploy(vertx, config, services)
                                    .compose(http -> node.serve(address(config.server().host(), http.port())).map(http))
                                    .map(http -> new Gateway(
                                            vertx, membership, plugins, metrics, node, services, http, changes, config)));
                })
                .map(Gateway::watch)
                .onComplete(running);
    }

    private Gateway watch() {
        if (config.server().reloadSeconds() > 0) {
            watcher = ConfigWatcher.start(vertx, config, next -> changes.run(() -> apply(next)),
                    report -> reloadListeners.forEach(listener -> listener.accept(report)));
        }
        if (config.plugins().scanIntervalMillis() > 0) {
            pluginWatcher = PluginWatcher.start(
                    vertx, Duration.ofMillis(config.plugins().scanIntervalMillis()), this::applyPluginChanges);
        }
        return this;
    }

    /**
     * Puts {@code next} in force: brings the plugins in line with their folder (a JAR dropped in
     * loads at once, settled or not: the reload asks for it), then the backends with both, and
     * serves new requests with the new configuration. Answers in flight finish on the configuration
     * and the plugin versions they started with.
     */
    private Future<Void> apply(GatewayConfig next) {
        return refreshPlugins(false)
                .compose(refreshed -> reconcile(next, () -> {
                    node.reconfigure(next.backends().values());
                    http.reconfigure(next);
                }))
                .onSuccess(applied -> config = next);
    }

    /**
     * Brings the plugins in line with their folder (a JAR dropped in loads once settled) and, when a
     * plugin changed, the backends with them.
     */
    private Future<Void> applyPluginChanges() {
        return changes.run(() -> refreshPlugins(true)
                .compose(changed -> changed ? reconcile(config, () -> {}) : Future.succeededFuture()));
    }

    /** Refreshes the plugins off the event loop; whether a plugin was added, replaced or removed. */
    private Future<Boolean> refreshPlugins(boolean settledOnly) {
        return vertx.executeBlocking(() -> {
            boolean changed = plugins.refresh(settledOnly);
            if (changed) {
                metrics.plugins(plugins.states());
            }
            return changed;
        });
    }

    private Future<Void> reconcile(GatewayConfig target, Runnable reroute) {
        return services.host().reconcile(
                target.backends().values(), Duration.ofSeconds(target.server().drainSeconds()), reroute);
    }

    /**
     * Puts the configuration in force again, for a rescan of the plugin folder: loads the JARs
     * dropped into it since and brings up the backends that were waiting for them. Run in the
     * {@link ChangeQueue}.
     */
    Future<Void> reapply() {
        return stopping ? Future.failedFuture("the gateway is stopping") : apply(config);
    }

    /** The configuration in force. */
    GatewayConfig configuration() {
        return config;
    }

    /**
     * Calls {@code listener} with each line the configuration watcher logs: reloads applied or
     * refused, settings that need a restart. For tests and metrics.
     */
    public void onReload(Consumer<ReloadReport> listener) {
        reloadListeners.add(listener);
    }

    /** The nodes this gateway runs with (itself alone unless Vert.x was built clustered). */
    public Membership membership() {
        return membership;
    }

    /** The node's store of Responses API answers. */
    public ResponseStore responses() {
        return services.responses();
    }

    /** The nodes that serve this gateway's requests, as it last heard of them. */
    public NodeDirectory nodes() {
        return services.nodes();
    }

    /** The HTTP port. */
    public int port() {
        return http.port();
    }

    /** How many HTTP server instances share the port ({@code server.instances}). */
    public int httpInstances() {
        return http.instances();
    }

    /** How long {@link #stop} lets the answers in flight finish ({@code server.drainSeconds}). */
    public Duration drainTimeout() {
        return Duration.ofSeconds(config.server().drainSeconds());
    }

    /**
     * Stops watching the configuration file, tells the cluster this node is draining (it is chosen
     * for no new request), drains every HTTP server instance (no new requests; those in flight get
     * {@link #drainTimeout}, then end with an error) and the backends (the answers they serve for
     * any node get as long), stops answering the cluster, undeploys every verticle (closing the
     * backends), then unloads the plugins. The watchers stop first, and a change under way (a reload,
     * a plugin swap) ends before the backends retire. The log lines still queued are the logging's to
     * write ({@link dev.junction.gateway.logging.Logging#stop}, once the process is done).
     */
    public Future<Void> stop() {
        stopping = true;
        if (watcher != null) {
            watcher.stop();
        }
        if (pluginWatcher != null) {
            pluginWatcher.stop();
        }
        node.drain();
        services.host().drain();
        Future<Void> requestsDrained = http.drain(drainTimeout());
        return changes.run(() -> Future.join(requestsDrained, services.host().retireAll(drainTimeout(), SHUTTING_DOWN)))
                .transform(drained -> node.close())
                .transform(closed -> Future.join(vertx.deploymentIDs().stream().map(vertx::undeploy).toList()))
                .transform(undeployed -> vertx.executeBlocking(() -> {
                    plugins.stop();
                    return null;
                }));
    }

    /** {@code host:port} as a client dials it (an IPv6 host in brackets). */
    private static String address(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** The plugin API version this gateway offers, as the build recorded it. */
    static String pluginApiVersion() {
        try (InputStream in = Gateway.class.getResourceAsStream("/junction.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("api.version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
