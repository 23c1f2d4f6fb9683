package dev.junction.gateway.state;

import static dev.junction.gateway.state.LocalResponseStoreTest.response;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.cluster.Membership;
import dev.junction.gateway.config.ResponsesConfig;
import dev.junction.gateway.support.InProcessCluster;
import io.vertx.core.Vertx;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The store in the cluster's shared map, on two Hazelcast members in this JVM talking over
 * loopback: what one node stores, the other reads and deletes; owners stay apart; the TTL and a
 * node's count bound hold on every node.
 */
@Timeout(120)
class ClusterResponseStoreTest {

    private static final ResponsesConfig.Store BOUNDS = new ResponsesConfig.Store(3, 1 << 20, 3600);

    private static InProcessCluster cluster;
    private static Vertx nodeA;
    private static Vertx nodeB;
    private static ResponseStore storeA;
    private static ResponseStore storeB;

    @BeforeAll
    static void startTwoNodes() {
        cluster = new InProcessCluster();
        nodeA = cluster.join();
        nodeB = cluster.join();
        storeA = store(nodeA, BOUNDS);
        storeB = store(nodeB, BOUNDS);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static ResponseStore store(Vertx node, ResponsesConfig.Store bounds) {
        return ResponseStore.forNode(Membership.of(node), node, bounds).await();
    }

    @Test
    void the_store_of_a_clustered_node_is_the_clusters() {
        assertThat(storeA).isInstanceOf(ClusterResponseStore.class);
    }

    @Test
    void a_response_stored_on_one_node_is_read_and_deleted_on_the_other() {
        StoredResponse response = response("team-a", "resp_shared", 100);
        storeA.put(response).await();

        assertThat(storeB.get("team-a", "resp_shared").await()).contains(response);
        assertThat(storeB.get("team-b", "resp_shared").await()).isEmpty();
        assertThat(storeB.delete("team-b", "resp_shared").await()).isFalse();
        assertThat(storeB.delete("team-a", "resp_shared").await()).isTrue();
        assertThat(storeA.get("team-a", "resp_shared").await()).isEmpty();
        assertThat(storeA.delete("team-a", "resp_shared").await()).isFalse();
    }

    @Test
    void past_a_nodes_count_bound_its_oldest_go_on_every_node() {
        for (int i = 1; i <= 4; i++) {
            storeA.put(response("a", "resp_bound_" + i, 10)).await();
        }

        assertThat(eventually(() -> storeB.get("a", "resp_bound_1").await())).isEmpty();
        assertThat(storeB.get("a", "resp_bound_2").await()).isPresent();
        assertThat(storeB.get("a", "resp_bound_4").await()).isPresent();
    }

    @Test
    void a_response_expires_after_the_ttl_on_every_node() {
        ResponseStore shortLived = store(nodeA, new ResponsesConfig.Store(100, 1 << 20, 1));
        shortLived.put(response("a", "resp_brief", 10)).await();

        assertThat(storeB.get("a", "resp_brief").await()).as("there at first").isPresent();
        assertThat(eventually(() -> storeB.get("a", "resp_brief").await())).isEmpty();
    }

    /** The first empty answer of {@code read}, asked every 100 ms for 30 seconds at most. */
    private static Optional<StoredResponse> eventually(Supplier<Optional<StoredResponse>> read) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Optional<StoredResponse> found = read.get();
        while (found.isPresent() && System.nanoTime() < deadline) {
            nodeA.timer(100, TimeUnit.MILLISECONDS).await();
            found = read.get();
        }
        return found;
    }
}
