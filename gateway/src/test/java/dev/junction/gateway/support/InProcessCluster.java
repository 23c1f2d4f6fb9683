package dev.junction.gateway.support;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MultiMapConfig;
import com.hazelcast.config.NetworkConfig;
import dev.junction.gateway.metrics.GatewayMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Clustered Vert.x instances in this JVM, for gateways that form a cluster in a test: each has a
 * Hazelcast member of its own on 127.0.0.1, joining the others by TCP-IP (multicast off) on a port
 * range and under a cluster name of this cluster's own, so that concurrent test runs never meet.
 * The event bus binds 127.0.0.1 on a port the system picks.
 */
public final class InProcessCluster {

    private static final int PORTS = 10;

    static {
        System.setProperty("hazelcast.logging.type", "slf4j");
    }

    private final String name = "junction-test-" + UUID.randomUUID();
    private final int basePort = 20_000 + PORTS * ThreadLocalRandom.current().nextInt(2_000);

    /** A new member's Vert.x, metered by {@code metrics}; completes once it joined the cluster. */
    public Future<Vertx> member(GatewayMetrics metrics) {
        VertxOptions options = new VertxOptions().setEventBusOptions(new EventBusOptions().setHost("127.0.0.1").setPort(0));
        return metrics.vertxBuilder(options).withClusterManager(new HazelcastClusterManager(config())).buildClustered();
    }

    private Config config() {
        Config config = new Config();
        config.setClusterName(name);
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.addMultiMapConfig(new MultiMapConfig("__vertx.subs")
                .setBackupCount(1)
                .setValueCollectionType(MultiMapConfig.ValueCollectionType.SET));
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(basePort).setPortAutoIncrement(true).setPortCount(PORTS);
        network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true);
        for (int port = basePort; port < basePort + PORTS; port++) {
            join.getTcpIpConfig().addMember("127.0.0.1:" + port);
        }
        return config;
    }
}
