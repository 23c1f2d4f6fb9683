package dev.junction.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.errors.SseException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.gateway.support.ForkedCluster;
import dev.junction.gateway.support.ForkedNode;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A hosting gateway JVM killed with SIGKILL while it streams an answer for another node
 * ({@link ThreeJvms}): the client, through the official OpenAI SDK, gets the dialect's error event
 * within 5 s; the next request goes to the surviving host; the killed node, started again, rejoins
 * and serves again (so the shared cluster is whole again when the test ends).
 */
@Timeout(240)
class ThreeJvmNodeKillTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static ForkedCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = ThreeJvms.cluster();
    }

    @Test
    void a_node_killed_mid_stream_ends_it_with_an_error_event_within_5_s_and_the_survivor_serves() throws Exception {
        ThreeJvms.awaitInFlight(cluster, 0);
        ForkedNode front = cluster.node(1);
        ForkedNode serving = null;
        try {
            try (ThreeJvms.HeldStream stream = ThreeJvms.hold(front.openAi())) {
                ThreeJvms.awaitInFlight(cluster, 1);
                serving = ThreeJvms.inFlight(cluster.node(2)) == 1 ? cluster.node(2) : cluster.node(3);

                long killedAt = System.nanoTime();
                serving.kill();
                assertThatThrownBy(() -> stream.chunks().forEachRemaining(chunk -> {}))
                        .isInstanceOf(SseException.class)
                        .hasMessageContaining("Backend 'slow' was cut off: node " + serving.id());
                Duration latency = Duration.ofNanos(System.nanoTime() - killedAt);
                System.out.printf("ThreeJvmNodeKillTest: the error event %d ms after SIGKILL%n", latency.toMillis());
                assertThat(latency).as("from the kill to the error event").isLessThan(Duration.ofSeconds(5));
            }
            ForkedNode survivor = serving == cluster.node(2) ? cluster.node(3) : cluster.node(2);
            ChatCompletion next = front.openAi().chat().completions().create(slow());
            assertThat(next.choices().get(0).message().content()).isNotEmpty();
            try (ThreeJvms.HeldStream onSurvivor = ThreeJvms.hold(front.openAi())) {
                assertThat(ThreeJvms.inFlight(survivor)).as("streams the survivor runs").isEqualTo(1);
            }
            ThreeJvms.awaitInFlight(cluster, 0);
        } finally {
            if (serving != null && !serving.alive()) {
                serving.restart();
            }
        }

        awaitHosting(front, serving.id());
        try (ThreeJvms.HeldStream first = ThreeJvms.hold(front.openAi());
                ThreeJvms.HeldStream second = ThreeJvms.hold(front.openAi())) {
            ThreeJvms.awaitInFlight(cluster, 2);
            assertThat(ThreeJvms.inFlight(serving)).as("streams the restarted node runs").isEqualTo(1);
        }
        ThreeJvms.awaitInFlight(cluster, 0);
    }

    /** Waits until {@code front}'s {@code /health} lists node {@code id} among the hosts of {@code slow}. */
    private static void awaitHosting(ForkedNode front, String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!health(front).getJsonObject("backends").getJsonObject(ThreeJvms.SLOW).getJsonArray("nodes").contains(id)) {
            assertThat(System.nanoTime()).as("node %s hosting slow again, by /health", id).isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private static JsonObject health(ForkedNode node) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(node.url("/health"))).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new JsonObject(response.body());
    }

    private static ChatCompletionCreateParams slow() {
        return ChatCompletionCreateParams.builder().model(ThreeJvms.SLOW).addUserMessage("once more").build();
    }
}
