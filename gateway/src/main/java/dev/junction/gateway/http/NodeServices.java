package dev.junction.gateway.http;

import dev.junction.gateway.backend.BackendHost;
import dev.junction.gateway.bus.NodeDirectory;
import dev.junction.gateway.cluster.ClusterView;
import dev.junction.gateway.cluster.Membership;
import dev.junction.gateway.config.ConnectionLimits;
import dev.junction.gateway.config.GatewayConfig;
import dev.junction.gateway.metrics.GatewayMetrics;
import dev.junction.gateway.policy.limit.RateLimiter;
import dev.junction.gateway.resilience.CircuitBreakers;
import dev.junction.gateway.resilience.DeadlineSweeper;
import dev.junction.gateway.resilience.ThinkingSignatures;
import dev.junction.gateway.state.ResponseStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.Consumer;

/**
 * What the node's HTTP server instances share, made once per node by {@link #start} and kept across
 * configuration reloads: the backends of this node, the directory of the nodes that host them
 * (which chooses where each request goes), the view of the cluster's nodes, the rate
 * limiter's counts, the stored answers of the Responses API, the circuit breakers (made by the
 * caller, as the node's report shows them too), the timeout sweeper, the metrics (which also hear
 * of retries and fallbacks), the answers in flight (the {@link Drain}), the access log's sink, the
 * node's request, connection and body limits, the memory of which backend made each thinking
 * signature, and what the admin endpoints do with the node's plugins.
 * Every part is thread-safe or keeps its state per context, so that {@code server.instances}
 * instances, each on its own event loop, count together: a limit holds per node, however the
 * connections spread. The package's own types are for the HTTP surface alone.
 */
public record NodeServices(
        BackendHost host,
        NodeDirectory nodes,
        ClusterView cluster,
        RateLimiter limiter,
        ResponseStore responses,
        CircuitBreakers breakers,
        DeadlineSweeper deadlines,
        GatewayMetrics metrics,
        Drain drain,
        Consumer<String> accessLog,
        RequestLimits requestLimits,
        ConnectionGuards connectionGuards,
        BodyTimeout bodyTimeout,
        ThinkingSignatures signatures,
        PluginAdmin plugins) {

    /**
     * The services of the node that {@code membership} names (its {@code plugins} made by the
     * caller), with the limits of {@code config} (they need a restart), its access log lines going to {@code accessLog} (the
     * {@code junction.access} logger when null; it must never block, as it is called on an event loop). The
     * rate limiter and the response store are each the one place chosen for the node
     * ({@link RateLimiter#forNode}, {@link ResponseStore#forNode}): cluster-wide in a cluster, in
     * this node's memory alone.
     */
    public static Future<NodeServices> start(Vertx vertx, GatewayConfig config, BackendHost host, NodeDirectory nodes,
            ClusterView cluster, CircuitBreakers breakers, GatewayMetrics metrics, Membership membership,
            Consumer<String> accessLog, PluginAdmin plugins) {
        ConnectionLimits limits = config.server().limits();
        return RateLimiter.forNode(membership, vertx, metrics)
                .compose(limiter -> ResponseStore.forNode(membership, vertx, config.responses().store())
                        .map(responses -> new NodeServices(
                                host,
                                nodes,
                                cluster,
                                limiter,
                                responses,
                                breakers,
                                new DeadlineSweeper(),
                                metrics,
                                new Drain(),
                                accessLog == null ? AccessLog.TO_LOGGER : accessLog,
                                new RequestLimits(limits),
                                new ConnectionGuards(limits),
                                new BodyTimeout(vertx, limits.bodyTimeoutSeconds()),
                                new ThinkingSignatures(),
                                plugins)));
    }
}
