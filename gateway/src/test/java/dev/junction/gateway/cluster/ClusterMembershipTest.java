package dev.junction.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.support.ForkedCluster;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How nodes leave and come back: a stopped node says goodbye at once, a killed one is dropped within
 * the failure detection's seconds, and either, started again, rejoins. Node 2 serves nothing while
 * it goes (the shared cluster's tests run one at a time) and is back before each test ends, so the
 * other tests never notice.
 */
@Timeout(300)
class ClusterMembershipTest {

    private static ForkedCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = ThreeJvms.cluster();
    }

    @Test
    void a_stopped_node_leaves_at_once_and_rejoins_when_started() throws Exception {
        assertThat(cluster.node(2).alive()).isTrue();
        cluster.node(2).terminate();

        // Far less than the 5 s a silent node gets: the node said goodbye.
        cluster.awaitMembers(2, Duration.ofSeconds(3));
        cluster.node(2).restart();
        assertThat(cluster.nodes()).allSatisfy(node -> assertThat(node.members()).isEqualTo(3));
    }

    @Test
    void a_killed_node_is_dropped_within_seconds_and_rejoins_when_started() throws Exception {
        assertThat(cluster.node(2).alive()).isTrue();
        long killed = System.nanoTime();
        cluster.node(2).kill();

        // 5 s without a heartbeat, plus the master's check and the news reaching every node.
        cluster.awaitMembers(2, Duration.ofSeconds(15));
        System.out.printf("a killed node left the member list in %d ms%n", Duration.ofNanos(System.nanoTime() - killed).toMillis());
        cluster.node(2).restart();
        assertThat(cluster.nodes()).allSatisfy(node -> assertThat(node.members()).isEqualTo(3));
    }
}
