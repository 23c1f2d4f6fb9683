package dev.junction.gateway.backend;

import dev.junction.gateway.bus.NodeDirectory;
import dev.junction.gateway.config.BackendConfig;
import dev.junction.gateway.metrics.BackendMeters;
import dev.junction.gateway.metrics.GatewayMetrics;
import dev.junction.plugin.Backend;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backends this node runs: one {@link BackendVerticle} per configured backend whose plugin is
 * installed and whose options are valid. A backend that cannot be deployed is remembered with the
 * reason, for {@code /health}; the gateway still starts. A {@link NodeAnnouncer} tells the cluster
 * which of them serve here ({@link NodeDirectory}).
 *
 * <p>{@link #reconcile} brings the running backends in line with a reloaded configuration. Calls
 * to {@link #deploy} and {@link #reconcile} must not overlap; {@link #failure} may be called from
 * any thread.
 */
public final class BackendHost {

    private static final Logger LOG = LoggerFactory.getLogger(BackendHost.class);
    private static final int WORKER_POOL_SIZE = 32;

    private final Vertx vertx;
    private final PluginHost plugins;
    private final GatewayMetrics metrics;
    private final NodeDirectory nodes;
    private final Map<String, Hosted> hosted = new ConcurrentHashMap<>();
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private final NodeAnnouncer announcer;

    /** A backend this node runs: its configuration, its plugin version, its verticle and the verticle's deployment. */
    private record Hosted(BackendConfig config, LoadedPlugin plugin, BackendVerticle verticle, String deployment) {}

    /** A verticle a reconcile takes out of service, and why, as in "replaced by its new configuration". */
    private record Displaced(Hosted hosted, String why) {}

    private BackendHost(Vertx vertx, PluginHost plugins, GatewayMetrics metrics, NodeDirectory nodes) {
        this.vertx = vertx;
        this.plugins = plugins;
        this.metrics = metrics;
        this.nodes = nodes;
        this.announcer = new NodeAnnouncer(nodes, this::running, () -> Map.copyOf(failures));
    }

    /**
     * Deploys every backend of {@code backends}, then announces them to {@code nodes} (this node's
     * directory, deployed); succeeds also when some cannot run.
     */
    public static Future<BackendHost> deploy(
            Vertx vertx,
            PluginHost plugins,
            Collection<BackendConfig> backends,
            GatewayMetrics metrics,
            NodeDirectory nodes) {
        BackendHost host = new BackendHost(vertx, plugins, metrics, nodes);
        return Future.join(backends.stream().map(host::start).toList())
                .transform(done -> vertx.deployVerticle(host.announcer))
                .map(announcing -> host);
    }

    /** This node stops: it announces at once that it is draining, and is chosen for no new request. */
    public void drain() {
        announcer.drain();
    }

    /**
     * Stops taking requests and lets the answers in flight, for this node or others, finish for up
     * to {@code timeout}; those still running then end with {@code reason} (unavailable). Never fails.
     */
    public Future<Void> retireAll(Duration timeout, String reason) {
        return Future.join(hosted.values().stream()
                        .map(running -> running.verticle().retire(timeout, reason))
                        .toList())
                .mapEmpty();
    }

    private Map<String, BackendVerticle> running() {
        Map<String, BackendVerticle> running = new HashMap<>();
        hosted.forEach((id, backend) -> running.put(id, backend.verticle()));
        return running;
    }

    /** Why this node does not run backend {@code id}, or empty when it does. */
    public Optional<String> failure(String id) {
        return Optional.ofNullable(failures.get(id));
    }

    /** The plugins of this node's folder, loaded or not, for {@code /health}. */
    public List<PluginInfo> plugins() {
        return plugins.plugins();
    }

    /**
     * Brings the running backends in line with {@code next} and with the plugins loaded now, so that
     * no request finds no handler: deploys the backends that are new (or could not start before) and
     * a new verticle for each whose plugin, plugin version or options changed, and takes out of
     * service the backends whose plugin was removed (they become unavailable with the reason); then
     * announces the new set to the cluster and runs {@code reroute}, which sends requests to it; then
     * retires the verticles of the backends that left and the old verticles of the changed ones
     * ({@link BackendVerticle#retire}: their answers in flight get {@code drainTimeout} to finish),
     * undeploying them in the background, after which their plugin version is released. A backend
     * whose models alone changed keeps its verticle. A changed backend whose new verticle cannot
     * start keeps its old one (and its old plugin version), and the next reconcile tries again.
     * Completes once {@code reroute} has run; never fails.
     */
    public Future<Void> reconcile(Collection<BackendConfig> next, Duration drainTimeout, Runnable reroute) {
        Map<String, BackendConfig> wanted = next.stream()
                .collect(Collectors.toMap(BackendConfig::id, Function.identity()));
        failures.keySet().retainAll(wanted.keySet());
        List<Hosted> leaving = hosted.values().stream()
                .filter(running -> !wanted.containsKey(running.config().id()))
                .toList();
        leaving.forEach(left -> {
            hosted.remove(left.config().id());
            metrics.backend(left.config().id()).up(false);
        });
        List<Future<Optional<Displaced>>> steps = wanted.values().stream().map(this::bringUp).toList();
        return Future.join(steps).transform(done -> announcer.announce()).transform(announced -> {
            reroute.run();
            leaving.forEach(left -> retire(left, drainTimeout, "removed from the configuration"));
            steps.stream()
                    .flatMap(step -> step.result().stream())
                    .forEach(old -> retire(old.hosted(), drainTimeout, old.why()));
            return Future.succeededFuture();
        });
    }

    /** Runs {@code config} as it says; the result is the verticle this displaced, if any. Never fails. */
    private Future<Optional<Displaced>> bringUp(BackendConfig config) {
        Hosted current = hosted.get(config.id());
        if (current == null) {
            return start(config).transform(started -> Future.succeededFuture(Optional.empty()));
        }
        boolean pluginCurrent = plugins.serves(current.plugin());
        if (current.config().sameBackend(config) && pluginCurrent) {
            hosted.put(config.id(), new Hosted(config, current.plugin(), current.verticle(), current.deployment()));
            return Future.succeededFuture(Optional.empty());
        }
        if (!pluginCurrent && plugins.current(config.plugin()).isEmpty()) {
            String why = plugins.whyMissing(config.plugin());
            LOG.warn("Backend {} is unavailable once the answers it serves have ended: {}", config.id(), why);
            hosted.remove(config.id());
            failures.put(config.id(), why);
            metrics.backend(config.id()).up(false);
            return Future.succeededFuture(Optional.of(new Displaced(current, "stopped, as its " + why)));
        }
        String replacedBy = current.config().sameBackend(config) ? "a new version of its plugin" : "its new configuration";
        return launch(config).transform(launched -> {
            if (launched.failed()) {
                LOG.error("Backend {} keeps its previous plugin and options, as the new ones failed: {}",
                        config.id(), launched.cause().getMessage());
                return Future.succeededFuture(Optional.empty());
            }
            hosted.put(config.id(), launched.result());
            return Future.succeededFuture(Optional.of(new Displaced(current, "replaced by " + replacedBy)));
        });
    }

    /** Deploys a backend that does not run yet, remembering why when it cannot (logged when the reason is new). */
    private Future<Hosted> start(BackendConfig config) {
        return launch(config)
                .onSuccess(started -> {
                    failures.remove(config.id());
                    hosted.put(config.id(), started);
                    metrics.backend(config.id()).up(true);
                })
                .onFailure(failure -> {
                    metrics.backend(config.id()).up(false);
                    if (!failure.getMessage().equals(failures.put(config.id(), failure.getMessage()))) {
                        LOG.warn("Backend {} is unavailable: {}", config.id(), failure.getMessage());
                    }
                });
    }

    /** Deploys a verticle of {@code config} from the plugin version that serves now, which it uses until undeployed. */
    private Future<Hosted> launch(BackendConfig config) {
        Optional<LoadedPlugin> found = plugins.current(config.plugin());
        if (found.isEmpty()) {
            return Future.failedFuture(plugins.whyMissing(config.plugin()));
        }
        LoadedPlugin plugin = found.get();
        plugin.acquire();
        HostedContext context = HostedContext.of(config.id(), config.options(), vertx);
        BackendMeters meters = metrics.backend(config.id());
        return vertx.<Backend>executeBlocking(() -> plugin.factory().create(context))
                .onFailure(failure -> context.close())
                .compose(backend -> {
                    BackendVerticle verticle = new BackendVerticle(config.id(), nodes, backend, context, meters);
                    return vertx.deployVerticle(verticle, options(config.id(), backend))
                            .map(deployment -> new Hosted(config, plugin, verticle, deployment));
                })
                .onFailure(failure -> plugin.release())
                .recover(failure -> Future.failedFuture("backend could not start: " + failure.getMessage()))
                .onSuccess(started -> LOG.info("Backend {} runs plugin {}", config.id(), plugin));
    }

    /**
     * Retires and undeploys {@code old}, which a reload {@code why} (as "removed from the configuration"),
     * then releases its plugin version.
     */
    private void retire(Hosted old, Duration drainTimeout, String why) {
        String id = old.config().id();
        String reason = "Backend '" + id + "' was " + why + " before this answer finished.";
        old.verticle()
                .retire(drainTimeout, reason)
                .compose(retired -> vertx.undeploy(old.deployment()))
                .onComplete(undeployed -> old.plugin().release())
                .onSuccess(undeployed -> LOG.info("Backend {} ({}) was {}", id, old.config().plugin(), why))
                .onFailure(failure -> LOG.warn("Backend {} did not stop cleanly: {}", id, failure.toString()));
    }

    /** A blocking backend's calls run on a worker pool of its own; the verticle's handlers on an event loop. */
    private static DeploymentOptions options(String id, Backend backend) {
        return backend.blocking()
                ? new DeploymentOptions()
                        .setWorkerPoolName("junction-backend-" + id)
                        .setWorkerPoolSize(WORKER_POOL_SIZE)
                : new DeploymentOptions();
    }
}
