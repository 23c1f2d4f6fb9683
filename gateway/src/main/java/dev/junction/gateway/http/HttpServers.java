package dev.junction.gateway.http;

import dev.junction.gateway.config.GatewayConfig;
import dev.junction.gateway.config.ServerConfig;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.impl.SocketAddressImpl;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The node's HTTP surface: {@code server.instances} {@link HttpServerVerticle}s listening on one
 * port, which Vert.x shares between them (each new connection goes to the next instance, each
 * instance on an event loop of its own while there are enough), all with the node's
 * {@link NodeServices}. A reload reaches every instance; a drain stops them all and ends what the
 * node serves. Thread-safe.
 */
public final class HttpServers {

    /** How long after the drain timeout the servers still wait for connections to close. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(3);

    /** Numbers the free ports of the nodes that share a Vert.x (tests), so that each has its own. */
    private static final AtomicInteger FREE_PORTS = new AtomicInteger();

    private final Vertx vertx;
    private final NodeServices node;
    private final List<HttpServerVerticle> instances;

    private HttpServers(Vertx vertx, NodeServices node, List<HttpServerVerticle> instances) {
        this.vertx = vertx;
        this.node = node;
        this.instances = List.copyOf(instances);
    }

    /** Deploys the instances of {@code config}'s server, sharing {@code node}; fails if one fails to listen. */
    public static Future<HttpServers> deploy(Vertx vertx, GatewayConfig config, NodeServices node) {
        HttpServerVerticle.warnWhenExposed(config);
        SocketAddress address = sharedAddress(config.server());
        List<HttpServerVerticle> made = new CopyOnWriteArrayList<>();
        return vertx.deployVerticle(() -> {
                    HttpServerVerticle instance = new HttpServerVerticle(config, node, address);
                    made.add(instance);
                    return instance;
                }, new DeploymentOptions().setInstances(config.server().instances()))
                .compose(id -> {
                    Set<Integer> ports = made.stream().map(HttpServerVerticle::port).collect(Collectors.toSet());
                    return ports.size() == 1
                            ? Future.succeededFuture(new HttpServers(vertx, node, made))
                            : vertx.undeploy(id).transform(undeployed -> Future.failedFuture(new IllegalStateException(
                                    "The HTTP server instances listen on different ports " + ports)));
                });
    }

    /**
     * Where the instances listen, so that they share one port. Vert.x shares a fixed port between
     * the servers that listen on it, but gives each server of port 0 a free port of its own; a
     * negative port picks one free port, shared by the servers that ask for the same negative
     * number on that Vert.x ({@code NetServerImpl}). The public {@link SocketAddress} factory
     * refuses negative ports, hence its implementation class: should a Vert.x upgrade change that,
     * {@link #deploy} fails rather than start instances on different ports.
     */
    private static SocketAddress sharedAddress(ServerConfig server) {
        return server.port() == 0
                ? new SocketAddressImpl(-1 - FREE_PORTS.getAndIncrement(), server.host())
                : SocketAddress.inetSocketAddress(server.port(), server.host());
    }

    /** The port the instances listen on (the chosen one when the configuration said 0). */
    public int port() {
        return instances.get(0).port();
    }

    /** How many instances serve. */
    public int instances() {
        return instances.size();
    }

    /**
     * Serves the requests that arrive from now on, on every instance, with the routes of
     * {@code next}; host, port and instances do not change (they need a restart). Answers in flight
     * finish with the routes they started with. Safe from any thread.
     */
    public void reconfigure(GatewayConfig next) {
        instances.forEach(instance -> instance.reconfigure(next));
    }

    /**
     * Stops taking connections, refuses new model requests with 503, lets the node's answers in
     * flight finish for up to {@code timeout}, then ends the rest with the dialect's error
     * (unavailable, "gateway shutting down"). Completes when they are done; never fails.
     */
    public Future<Void> drain(Duration timeout) {
        // Shutting down stops the listeners at once; idle keep-alive connections would hold them to
        // their timeout, so once the answers are done the servers are closed outright.
        instances.forEach(instance -> instance.shutdown(timeout.plus(CLOSE_GRACE)));
        return node.drain()
                .drain(vertx, timeout)
                .transform(drained -> Future.join(instances.stream().map(HttpServerVerticle::close).toList()))
                .transform(closed -> Future.succeededFuture());
    }
}
