package dev.junction.gateway.cluster;

import static dev.junction.gateway.support.ResponseObjects.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.errors.NotFoundException;
import dev.junction.gateway.state.ResponseHistory;
import dev.junction.gateway.state.ResponseStore;
import dev.junction.gateway.support.InProcessCluster;
import dev.junction.gateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateway nodes of one cluster, without API keys: a Responses answer recorded on one node is
 * retrieved, listed, continued and deleted through the other, with the official OpenAI SDK.
 */
@Timeout(120)
class StoredResponsesAcrossNodesTest {

    private static InProcessCluster cluster;
    private static TestGateway nodeA;
    private static TestGateway nodeB;

    @BeforeAll
    static void startTwoNodes(@TempDir Path root) throws Exception {
        cluster = new InProcessCluster();
        nodeA = TestGateway.builder(Files.createDirectories(root.resolve("a"))).cluster(cluster).start();
        nodeB = TestGateway.builder(Files.createDirectories(root.resolve("b"))).cluster(cluster).start();
    }

    @AfterAll
    static void stop() {
        for (TestGateway node : new TestGateway[] {nodeA, nodeB}) {
            if (node != null) {
                node.close();
            }
        }
        cluster.close();
    }

    @Test
    void a_response_recorded_on_one_node_is_read_continued_and_deleted_through_the_other() {
        JsonObject first = new JsonObject().put("model", "echo").put("input", "first");
        new ResponseHistory(nodeA.vertx(), nodeA.responses())
                .record(ResponseStore.NO_KEYS, first, answer("resp_across", "one"))
                .await();

        assertThat(nodeB.openAi("unused").responses().retrieve("resp_across").id()).isEqualTo("resp_across");
        assertThat(nodeB.openAi("unused").responses().inputItems().list("resp_across").data()).hasSize(1);
        JsonObject second = new JsonObject().put("model", "echo").put("previous_response_id", "resp_across").put("input", "second");
        JsonObject continued = new ResponseHistory(nodeB.vertx(), nodeB.responses())
                .expand(ResponseStore.NO_KEYS, second)
                .await();
        assertThat(continued.getJsonArray("input")).hasSize(3);

        nodeB.openAi("unused").responses().delete("resp_across");

        assertThatThrownBy(() -> nodeA.openAi("unused").responses().retrieve("resp_across"))
                .isInstanceOf(NotFoundException.class);
    }
}
