package dev.junction.gateway.backend;

import dev.junction.gateway.config.BackendConfig;
import dev.junction.gateway.metrics.BackendMeters;
import dev.junction.gateway.metrics.GatewayMetrics;
import dev.junction.plugin.Backend;
import dev.junction.plugin.BackendContext;
import dev.junction.plugin.BackendFactory;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backends this node runs: one {@link BackendVerticle} per configured backend whose plugin is
 * installed and whose options are valid. A backend that cannot be deployed is remembered with the
 * reason, for {@code /health}; the gateway still starts.
 */
public final class BackendHost {

    private static final Logger LOG = LoggerFactory.getLogger(BackendHost.class);
    private static final int WORKER_POOL_SIZE = 32;

    private final Vertx vertx;
    private final PluginHost plugins;
    private final GatewayMetrics metrics;
    private final Map<String, String> failures = new ConcurrentHashMap<>();

    private BackendHost(Vertx vertx, PluginHost plugins, GatewayMetrics metrics) {
        this.vertx = vertx;
        this.plugins = plugins;
        this.metrics = metrics;
    }

    /** Deploys every backend of {@code backends}; succeeds also when some cannot run. */
    public static Future<BackendHost> deploy(
            Vertx vertx, PluginHost plugins, Collection<BackendConfig> backends, GatewayMetrics metrics) {
        BackendHost host = new BackendHost(vertx, plugins, metrics);
        return Future.join(backends.stream().map(host::deploy).toList()).transform(done -> Future.succeededFuture(host));
    }

    /** Why this node does not run backend {@code id}, or empty when it does. */
    public Optional<String> failure(String id) {
        return Optional.ofNullable(failures.get(id));
    }

    private Future<String> deploy(BackendConfig config) {
        Optional<BackendFactory> factory = plugins.factory(config.plugin());
        if (factory.isEmpty()) {
            return fail(config.id(), plugins.whyMissing(config.plugin()));
        }
        BackendContext context = new BackendContext(config.id(), config.options(), vertx);
        BackendMeters meters = metrics.backend(config.id());
        return vertx.<Backend>executeBlocking(() -> factory.get().create(context))
                .compose(backend -> vertx.deployVerticle(
                        new BackendVerticle(config.id(), backend, meters), options(config.id(), backend)))
                .onSuccess(deployment -> {
                    meters.up(true);
                    LOG.info("Backend {} runs plugin {}", config.id(), config.plugin());
                })
                .recover(failure -> fail(config.id(), "backend could not start: " + failure.getMessage()));
    }

    private Future<String> fail(String id, String reason) {
        LOG.warn("Backend {} is unavailable: {}", id, reason);
        metrics.backend(id).up(false);
        failures.put(id, reason);
        return Future.failedFuture(reason);
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
