package dev.junction.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import dev.junction.gateway.support.ForkedCluster;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two gateway JVMs host the same backend ({@link ThreeJvms}: {@code slow} on nodes 2 and 3): the
 * streams a client opens on node 1, which hosts nothing, run on both, as each hosting node's own
 * {@code /metrics} shows.
 */
@Timeout(180)
class ThreeJvmSharedLoadTest {

    private static ForkedCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = ThreeJvms.cluster();
    }

    @Test
    void streams_to_a_node_without_the_backend_run_on_both_hosting_nodes() throws Exception {
        ThreeJvms.awaitInFlight(cluster, 0);
        OpenAIClient client = cluster.node(1).openAi();
        List<ThreeJvms.HeldStream> streams = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                streams.add(ThreeJvms.hold(client));
            }
            ThreeJvms.awaitInFlight(cluster, 4);

            assertThat(ThreeJvms.inFlight(cluster.node(2))).as("streams node 2 runs").isBetween(1, 3);
            assertThat(ThreeJvms.inFlight(cluster.node(3))).as("streams node 3 runs").isBetween(1, 3);
        } finally {
            streams.forEach(ThreeJvms.HeldStream::close);
        }
        // The clients left: both hosting nodes stop their answers.
        ThreeJvms.awaitInFlight(cluster, 0);
    }
}
