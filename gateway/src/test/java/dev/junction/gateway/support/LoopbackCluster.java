package dev.junction.gateway.support;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Clustered Vert.x instances in this JVM: Hazelcast members on 127.0.0.1, each on a free port, that
 * join the members started before them over TCP-IP (multicast off) under a cluster name of their
 * own, so that clusters of tests running at the same time on the machine never meet. Test-only
 * until the gateway's own cluster configuration lands.
 */
public final class LoopbackCluster implements AutoCloseable {

    private final String name = "junction-test-" + UUID.randomUUID();
    private final List<Integer> ports = new CopyOnWriteArrayList<>();
    private final List<Vertx> members = new CopyOnWriteArrayList<>();

    /** Starts a member with Vert.x's default options. */
    public Vertx join() {
        return join(options -> Vertx.builder().with(options));
    }

    /**
     * Starts a member built by {@code builder} (given the options, for example a gateway metrics'
     * {@code vertxBuilder}); blocks until it has joined the others.
     */
    public Vertx join(Function<VertxOptions, VertxBuilder> builder) {
        int port = freePort();
        ports.add(port);
        Vertx vertx = await(builder.apply(new VertxOptions())
                .withClusterManager(new HazelcastClusterManager(hazelcastConfig(port)))
                .buildClustered());
        members.add(vertx);
        return vertx;
    }

    /** Closes {@code member}: it leaves the cluster. */
    public void leave(Vertx member) {
        members.remove(member);
        await(member.close());
    }

    @Override
    public void close() {
        List<Future<Void>> closing = new ArrayList<>();
        members.forEach(member -> closing.add(member.close()));
        members.clear();
        await(Future.join(closing));
    }

    private Config hazelcastConfig(int port) {
        Config config = ConfigUtil.loadConfig().setClusterName(name);
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        NetworkConfig network = config.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true);
        ports.forEach(member -> join.getTcpIpConfig().addMember("127.0.0.1:" + member));
        return config;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
