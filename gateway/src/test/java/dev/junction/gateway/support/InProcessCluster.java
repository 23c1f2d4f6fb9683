package dev.junction.gateway.support;

import dev.junction.gateway.cluster.EventBusSettings;
import dev.junction.gateway.cluster.HazelcastSettings;
import dev.junction.gateway.config.AuthConfig;
import dev.junction.gateway.config.ClusterConfig;
import dev.junction.gateway.config.ConfigSource;
import dev.junction.gateway.config.GatewayConfig;
import dev.junction.gateway.config.PluginsConfig;
import dev.junction.gateway.config.ResponsesConfig;
import dev.junction.gateway.config.ServerConfig;
import dev.junction.gateway.metrics.GatewayMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Clustered Vert.x instances in this JVM, for tests of nodes that form a cluster: each member is
 * configured as a gateway's would be ({@link HazelcastSettings}, {@link EventBusSettings}) from
 * {@code cluster:} settings on 127.0.0.1, on a member port range and under a cluster name of this
 * cluster's own, so that concurrent test runs never meet. {@link #close} closes the members still
 * open.
 */
public final class InProcessCluster implements AutoCloseable {

    private final GatewayConfig config;
    private final List<Vertx> members = new CopyOnWriteArrayList<>();

    public InProcessCluster() {
        int basePort = 20_000 + ClusterConfig.PORT_RANGE * ThreadLocalRandom.current().nextInt(2_000);
        ClusterConfig cluster = new ClusterConfig(true, "junction-test-" + UUID.randomUUID(), "127.0.0.1", basePort,
                "", 0, List.of(), false, Optional.empty(), Optional.empty());
        config = new GatewayConfig(
                new ServerConfig("127.0.0.1", 0, 1024, 15, 30, 0),
                new PluginsConfig(Path.of("plugins")),
                Map.of(),
                AuthConfig.NONE,
                cluster,
                ResponsesConfig.DEFAULTS,
                // No cluster.xml beside a file that does not exist: the YAML settings alone.
                new ConfigSource(Path.of("/nonexistent/junction-test/gateway.yaml"), Map.of(), null),
                "test");
    }

    /** A new member's Vert.x, metered by {@code metrics}; completes once it joined the cluster. */
    public Future<Vertx> member(GatewayMetrics metrics) {
        return member(metrics::vertxBuilder);
    }

    /** A new member with Vert.x's default options; blocks until it joined the cluster. */
    public Vertx join() {
        return await(member(options -> Vertx.builder().with(options)));
    }

    /** Closes {@code member}: it leaves the cluster. */
    public void leave(Vertx member) {
        members.remove(member);
        await(member.close());
    }

    @Override
    public void close() {
        List<Future<Void>> closing = new ArrayList<>();
        members.forEach(member -> closing.add(member.close().otherwiseEmpty()));
        members.clear();
        await(Future.join(closing));
    }

    private Future<Vertx> member(Function<VertxOptions, VertxBuilder> builder) {
        com.hazelcast.config.Config hazelcast = HazelcastSettings.of(config)
                .setProperty("hazelcast.wait.seconds.before.join", "0");
        return builder.apply(new VertxOptions().setEventBusOptions(EventBusSettings.of(config)))
                .withClusterManager(new HazelcastClusterManager(hazelcast))
                .buildClustered()
                .onSuccess(members::add);
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
