package dev.junction.gateway.http;

import dev.junction.gateway.backend.BackendHost;
import dev.junction.gateway.cluster.Membership;
import dev.junction.gateway.config.ConnectionLimits;
import dev.junction.gateway.config.GatewayConfig;
import dev.junction.gateway.config.WebNames;
import dev.junction.gateway.metrics.GatewayMetrics;
import dev.junction.gateway.policy.limit.RateLimiter;
import dev.junction.gateway.resilience.CircuitBreakers;
import dev.junction.gateway.resilience.DeadlineSweeper;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the HTTP surface on the event loop. Never blocks: backend work happens behind the bus.
 * Every connection has a {@link ConnectionGuard}; every request first passes the {@link AccessLog},
 * then the network checks ({@link HostCheck}, {@link BrowserOrigins}), the node's
 * {@link RequestLimits} and the {@link BodyTimeout} (the API routes check a {@code POST}'s
 * {@link JsonContent} after its key); {@code GET /metrics} answers from the gateway's
 * {@link GatewayMetrics}; {@link #drain} stops the server gracefully.
 *
 * <p>{@link #reconfigure} swaps in the routes of a reloaded configuration; requests already routed
 * finish with the handlers they started with. What must outlive a reload (the drain, the metrics,
 * the access log writer and the {@link LongLived} parts of the API) is a field here, handed to each
 * {@link #routes} build.
 */
public final class HttpServerVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(HttpServerVerticle.class);

    /** How long after the drain timeout the server still waits for connections to close. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(3);

    private final GatewayConfig config;
    private final BackendHost host;
    private final GatewayMetrics metrics;
    private final Consumer<String> accessLog;
    private final Drain drain = new Drain();
    /** The node's request limits, shared by every router built from a configuration (they need a restart). */
    private volatile RequestLimits requestLimits;
    private volatile BodyTimeout bodyTimeout;
    /** What every router built from a configuration shares; made at start, on this verticle's context. */
    private volatile LongLived lasting;
    /** Writes the access log lines off the event loop, for every router built from a configuration. */
    private volatile AccessLogWriter accessLogWriter;
    private volatile Router routes;
    private volatile HttpServer server;
    private volatile int port;

    public HttpServerVerticle(GatewayConfig config, BackendHost host, GatewayMetrics metrics) {
        this(config, host, metrics, AccessLog.TO_LOGGER);
    }

    /**
     * @param accessLog where the access log lines go (the {@code junction.access} logger by default),
     *     from a thread of their own ({@link AccessLogWriter})
     */
    public HttpServerVerticle(
            GatewayConfig config, BackendHost host, GatewayMetrics metrics, Consumer<String> accessLog) {
        this.config = config;
        this.host = host;
        this.metrics = metrics;
        this.accessLog = accessLog;
    }

    @Override
    public Future<?> start() {
        accessLogWriter = AccessLogWriter.start(accessLog);
        return RateLimiter.forNode(Membership.of(vertx), vertx, metrics)
                .compose(this::listen)
                .recover(failure -> closeAccessLog().transform(closed -> Future.failedFuture(failure)));
    }

    private Future<HttpServer> listen(RateLimiter limiter) {
        // The sweeper checks the chat attempts' timeouts on this verticle's context, where its requests run.
        lasting = new LongLived(host, limiter, new CircuitBreakers(vertx), new DeadlineSweeper(vertx), metrics);
        ConnectionLimits limits = config.server().limits();
        requestLimits = new RequestLimits(limits);
        bodyTimeout = new BodyTimeout(vertx, limits.bodyTimeoutSeconds());
        routes = routes(config);
        warnWhenExposed(config);
        // HTTP/1.1 only: the connection guard and the header limits are HTTP/1.1's (the SDKs speak it).
        return vertx.createHttpServer(new HttpServerOptions()
                        .setHost(config.server().host())
                        .setPort(config.server().port())
                        .setCompressionSupported(false)
                        .setHttp2ClearTextEnabled(false)
                        .setMaxHeaderSize(limits.maxHeaderBytes()))
                .connectionHandler(new ConnectionGuards(limits))
                .invalidRequestHandler(MalformedRequests::invalidHead)
                .requestHandler(request -> {
                    if (!MalformedRequests.refused(request)) {
                        routes.handle(request);
                    }
                })
                .listen()
                .onSuccess(server -> {
                    this.server = server;
                    port = server.actualPort();
                });
    }

    private static void warnWhenExposed(GatewayConfig config) {
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

    @Override
    public Future<?> stop() {
        return closeAccessLog();
    }

    /** Writes the access log lines still queued and stops their thread, off the event loop. */
    private Future<Void> closeAccessLog() {
        AccessLogWriter writer = accessLogWriter;
        return vertx.executeBlocking(() -> {
            writer.close();
            return null;
        });
    }

    /**
     * Serves the requests that arrive from now on with the routes of {@code next}; its host and port
     * do not change (they need a restart). Safe from any thread.
     */
    public void reconfigure(GatewayConfig next) {
        routes = routes(next);
    }

    private Router routes(GatewayConfig config) {
        Router router = Router.router(vertx);
        router.route().handler(new AccessLog(accessLogWriter, metrics)).handler(ctx -> {
            ctx.put(Drain.KEY, drain);
            ctx.next();
        });
        HostCheck.of(config).ifPresent(check -> router.route().handler(check));
        router.route().handler(new BrowserOrigins(config.server())).handler(requestLimits).handler(bodyTimeout);
        router.get("/metrics").handler(new MetricsHandler(metrics));
        return ApiRouter.addTo(router, vertx, config, lasting);
    }

    /**
     * Stops taking connections, refuses new model requests with 503, lets the answers in flight
     * finish for up to {@code timeout}, then ends the rest with the dialect's error (unavailable,
     * "gateway shutting down"). Completes when they are done; never fails.
     */
    public Future<Void> drain(Duration timeout) {
        HttpServer listening = server;
        if (listening == null) {
            return Future.succeededFuture();
        }
        // Shutting down stops the listener at once; idle keep-alive connections would hold it to its
        // timeout, so once the answers are done the server is closed outright.
        listening.shutdown(timeout.plus(CLOSE_GRACE));
        return drain.drain(vertx, timeout)
                .transform(drained -> listening.close())
                .transform(closed -> Future.succeededFuture());
    }

    /** The port the server listens on (the chosen one when the configuration said 0). */
    public int port() {
        return port;
    }
}
