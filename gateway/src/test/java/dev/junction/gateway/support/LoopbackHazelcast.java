package dev.junction.gateway.support;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MultiMapConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Hazelcast members for in-process cluster tests: on 127.0.0.1 only, each on a free port chosen
 * here, joining one another by TCP-IP (multicast off), in a cluster of a random name so that no
 * other test's members join. Holds what Vert.x's own {@code default-cluster.xml} sets (the
 * subscriptions multimap as a set).
 */
public final class LoopbackHazelcast {

    private static final String LOOPBACK = "127.0.0.1";

    private final String name = "junction-test-" + UUID.randomUUID();
    private final List<Integer> ports;

    private LoopbackHazelcast(List<Integer> ports) {
        this.ports = List.copyOf(ports);
    }

    /** A cluster of up to {@code members} members, none started yet. */
    public static LoopbackHazelcast of(int members) {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            ports.add(freePort());
        }
        return new LoopbackHazelcast(ports);
    }

    /** A cluster manager for member {@code index} (from 0); give it to a Vert.x built clustered. */
    public HazelcastClusterManager member(int index) {
        Config config = new Config().setClusterName(name);
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        NetworkConfig network = config.getNetworkConfig().setPort(ports.get(index)).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface(LOOPBACK);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(1);
        ports.forEach(port -> join.getTcpIpConfig().addMember(LOOPBACK + ":" + port));
        config.addMultiMapConfig(new MultiMapConfig("__vertx.subs")
                .setBackupCount(1)
                .setValueCollectionType(MultiMapConfig.ValueCollectionType.SET));
        return new HazelcastClusterManager(config);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
