package dev.junction.gateway;

import dev.junction.gateway.backend.BackendHost;
import dev.junction.gateway.backend.PluginHost;
import dev.junction.gateway.bus.BusCodecs;
import dev.junction.gateway.config.GatewayConfig;
import dev.junction.gateway.http.HttpServerVerticle;
import dev.junction.gateway.metrics.GatewayMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * A running gateway on a Vert.x instance: the plugins of the configured folder, a verticle per
 * backend, and the HTTP server, metered in a {@link GatewayMetrics}. {@link #start} composes the
 * steps; {@link #stop} undoes them. Build the Vert.x instance with {@link GatewayMetrics#vertxBuilder}
 * of the same metrics, so that {@code /metrics} also shows Vert.x's own meters.
 */
public final class Gateway {

    private final Vertx vertx;
    private final PluginHost plugins;
    private final HttpServerVerticle http;
    private final Duration drainTimeout;

    private Gateway(Vertx vertx, PluginHost plugins, HttpServerVerticle http, GatewayConfig config) {
        this.vertx = vertx;
        this.plugins = plugins;
        this.http = http;
        this.drainTimeout = Duration.ofSeconds(config.server().drainSeconds());
    }

    /** Loads the plugins, deploys the backends, then starts serving HTTP. */
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
        PluginHost plugins = new PluginHost(config.plugins().dir(), pluginApiVersion());
        return vertx.executeBlocking(() -> {
                    plugins.start();
                    metrics.plugins(plugins.states());
                    return plugins;
                })
                .compose(started -> BackendHost.deploy(vertx, plugins, config.backends().values(), metrics))
                .compose(host -> {
                    HttpServerVerticle http = accessLog == null
                            ? new HttpServerVerticle(config, host, metrics)
                            : new HttpServerVerticle(config, host, metrics, accessLog);
                    return vertx.deployVerticle(http).map(id -> new Gateway(vertx, plugins, http, config));
                });
    }

    /** The HTTP port. */
    public int port() {
        return http.port();
    }

    /** How long {@link #stop} lets the answers in flight finish ({@code server.drainSeconds}). */
    public Duration drainTimeout() {
        return drainTimeout;
    }

    /**
     * Drains the HTTP server (no new requests; those in flight get {@link #drainTimeout}, then end
     * with an error), undeploys every verticle (closing the backends), then unloads the plugins.
     */
    public Future<Void> stop() {
        return http.drain(drainTimeout)
                .transform(drained -> Future.join(vertx.deploymentIDs().stream().map(vertx::undeploy).toList()))
                .transform(undeployed -> vertx.executeBlocking(() -> {
                    plugins.stop();
                    return null;
                }));
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
