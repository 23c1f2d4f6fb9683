package dev.junction.gateway.cluster;

import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The nodes this gateway runs with: this node's id and the live nodes of its cluster, or a cluster
 * of one when the gateway started alone. A node id is the one Vert.x's cluster manager gives the
 * node (Hazelcast's member UUID), so it names the same node on the event bus and in Hazelcast.
 * Listeners are called on a thread of the cluster manager: hand work to a context from there.
 */
public interface Membership {

    /** This node's id. */
    String nodeId();

    /** The ids of the live nodes, this one included. */
    Set<String> nodes();

    /** Calls {@code listener} with the id of each node that joins from now on. */
    void onJoined(Consumer<String> listener);

    /** Calls {@code listener} with the id of each node that leaves (or dies) from now on. */
    void onLeft(Consumer<String> listener);

    /** The Hazelcast member of this node, when clustered. */
    Optional<HazelcastInstance> hazelcast();

    /**
     * The membership of {@code vertx}: its Hazelcast cluster when it was built clustered, else a
     * cluster of one. Reads the cluster manager through Vert.x's internal API, the only way to reach
     * it from a started Vert.x; when clustered, makes sure Hazelcast's callbacks run on a pool
     * ({@link HazelcastCallbacks}).
     */
    static Membership of(Vertx vertx) {
        if (vertx.isClustered() && ((VertxInternal) vertx).clusterManager() instanceof HazelcastClusterManager manager) {
            HazelcastCallbacks.pooled();
            return new HazelcastMembership(manager.getHazelcastInstance());
        }
        return new FixedMembership(UUID.randomUUID().toString());
    }
}
