package dev.junction.gateway.http;

import dev.junction.gateway.config.ConnectionLimits;
import dev.junction.gateway.config.GatewayConfig;
import dev.junction.gateway.config.WebNames;
import dev.junction.gateway.metrics.GatewayMetrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance of the node's HTTP server, on the event loop Vert.x gave it. Never blocks: backend
 * work happens behind the bus. {@link HttpServers} deploys {@code server.instances} of them on one
 * port; Vert.x hands each new connection to the next instance. All share the node's
 * {@link NodeServices}: every connection gets the node's {@link ConnectionGuard}s; every request
 * first passes the {@link AccessLog}, then the network checks ({@link HostCheck},
 * {@link BrowserOrigins}), the node's {@link RequestLimits} and the {@link BodyTimeout} (the API
 * routes check a {@code POST}'s {@link JsonContent} after its key); {@code GET /metrics} answers
 * from the node's {@link GatewayMetrics}.
 *
 * <p>{@link #reconfigure} swaps in the routes of a reloaded configuration; requests already routed
 * finish with the handlers they started with.
 */
final class HttpServerVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(HttpServerVerticle.class);

    private final GatewayConfig config;
    private final NodeServices node;
    private final SocketAddress address;
    private volatile Router routes;
    private volatile HttpServer server;
    private volatile int port;

    /** @param address where to listen, the same for every instance of the node */
    HttpServerVerticle(GatewayConfig config, NodeServices node, SocketAddress address) {
        this.config = config;
        this.node = node;
        this.address = address;
    }

    @Override
    public Future<?> start() {
        routes = routes(config);
        ConnectionLimits limits = config.server().limits();
        // HTTP/1.1 only: the connection guard and the header limits are HTTP/1.1's (the SDKs speak it).
        return vertx.createHttpServer(new HttpServerOptions()
                        .setCompressionSupported(false)
                        .setHttp2ClearTextEnabled(false)
                        .setMaxHeaderSize(limits.maxHeaderBytes()))
                .connectionHandler(node.connectionGuards())
                .invalidRequestHandler(MalformedRequests::invalidHead)
                .requestHandler(request -> {
                    if (!MalformedRequests.refused(request)) {
                        routes.handle(request);
                    }
                })
                .listen(address)
                .onSuccess(listening -> {
                    server = listening;
                    port = listening.actualPort();
                });
    }

    /** Warns once per node when it listens beyond this machine with no API keys. */
    static void warnWhenExposed(GatewayConfig config) {
        exposure(config).ifPresent(LOG::warn);
    }

    /** What to warn of when the gateway listens beyond this machine with no API keys; empty otherwise. */
    static Optional<String> exposure(GatewayConfig config) {
        String host = WebNames.host(config.server().host());
        if (!config.auth().keys().isEmpty() || (host != null && WebNames.isLoopback(host))) {
            return Optional.empty();
        }
        return Optional.of("server.host " + config.server().host() + " is not a loopback address and auth.keys is"
                + " empty: anyone who can reach it may use the backends. Only requests whose Host is a loopback"
                + " name or in server.allowedHosts are served; configure auth.keys to serve others.");
    }

    /**
     * Serves the requests that arrive from now on with the routes of {@code next}; its host and port
     * do not change (they need a restart). Safe from any thread.
     */
    void reconfigure(GatewayConfig next) {
        routes = routes(next);
    }

    private Router routes(GatewayConfig config) {
        Router router = Router.router(vertx);
        router.route().handler(new AccessLog(node.accessLog(), node.metrics())).handler(ctx -> {
            ctx.put(Drain.KEY, node.drain());
            ctx.next();
        });
        HostCheck.of(config).ifPresent(check -> router.route().handler(check));
        router.route()
                .handler(new BrowserOrigins(config.server()))
                .handler(node.requestLimits())
                .handler(node.bodyTimeout());
        router.get(RouteCoverage.METRICS).handler(new MetricsHandler(node.metrics()));
        return RouteCoverage.check(ApiRouter.addTo(router, vertx, config, node));
    }

    /** Stops taking connections; those open get up to {@code timeout} to finish. */
    Future<Void> shutdown(Duration timeout) {
        HttpServer listening = server;
        return listening == null ? Future.succeededFuture() : listening.shutdown(timeout);
    }

    /** Closes the server and its connections at once. */
    Future<Void> close() {
        HttpServer listening = server;
        return listening == null ? Future.succeededFuture() : listening.close();
    }

    /** The port the server listens on (the chosen one when the configuration said 0); 0 before it listens. */
    int port() {
        return port;
    }
}
