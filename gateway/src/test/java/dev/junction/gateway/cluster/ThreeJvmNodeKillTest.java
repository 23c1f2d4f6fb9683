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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A hosting gateway JVM killed with SIGKILL while it streams answers for another node
 * ({@link ThreeJvms}): its clients, through the official SDKs of both dialects, get the dialect's
 * error event within 5 s, while the streams of the other hosting node go on; the next request goes to
 * that survivor; the killed node, started again, rejoins and serves again (so the shared cluster is
 * whole again when the test ends).
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
    void a_node_killed_mid_stream_ends_its_streams_with_the_dialects_error_event_within_5_s_and_the_survivor_serves()
            throws Exception {
        ThreeJvms.awaitInFlight(cluster, 0);
        ForkedNode front = cluster.node(1);
        List<Placed> streams = new ArrayList<>();
        ForkedNode serving = null;
        try {
            serving = openUntilOneNodeRunsBothDialects(front, streams);
            ForkedNode killed = serving;

            long killedAt = System.nanoTime();
            killed.kill();
            for (Placed placed : streams.stream().filter(placed -> placed.node() == killed).toList()) {
                assertThatThrownBy(() -> placed.stream().events().forEachRemaining(event -> {}))
                        .as("a %s stream on the killed node", placed.dialect())
                        .isInstanceOf(placed.dialect().equals("openai") ? SseException.class
                                : com.anthropic.errors.SseException.class)
                        .hasMessageContaining("Backend 'slow' was cut off: node " + killed.id());
            }
            Duration latency = Duration.ofNanos(System.nanoTime() - killedAt);
            System.out.printf("ThreeJvmNodeKillTest: the error events %d ms after SIGKILL%n", latency.toMillis());
            assertThat(latency).as("from the kill to the last error event").isLessThan(Duration.ofSeconds(5));
            for (Placed placed : streams.stream().filter(placed -> placed.node() != killed).toList()) {
                assertThat(placed.stream().events().next()).as("the survivor's streams go on").isNotNull();
            }
            streams.forEach(placed -> placed.stream().close());
            ThreeJvms.awaitInFlight(cluster, 0);

            ForkedNode survivor = killed == cluster.node(2) ? cluster.node(3) : cluster.node(2);
            ChatCompletion next = front.openAi().chat().completions().create(slow());
            assertThat(next.choices().get(0).message().content()).isNotEmpty();
            try (ThreeJvms.HeldStream onSurvivor = ThreeJvms.hold(front.openAi())) {
                assertThat(ThreeJvms.inFlight(survivor)).as("streams the survivor runs").isEqualTo(1);
            }
            ThreeJvms.awaitInFlight(cluster, 0);
        } finally {
            streams.forEach(placed -> placed.stream().close());
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

    /** A stream held open, its dialect ({@code openai} or {@code anthropic}) and the node that runs it. */
    private record Placed(ThreeJvms.HeldStream stream, String dialect, ForkedNode node) {}

    /**
     * Opens streams on {@code front} in both dialects, noting which hosting node runs each
     * (its in-flight count rose), until one node runs a stream of each dialect; returns that node.
     */
    private static ForkedNode openUntilOneNodeRunsBothDialects(ForkedNode front, List<Placed> streams)
            throws InterruptedException {
        for (int i = 0; i < 6; i++) {
            int onTwo = ThreeJvms.inFlight(cluster.node(2));
            // openai, anthropic, anthropic, openai...: nodes taken in turn still get one of each
            String dialect = (i + 1) / 2 % 2 == 0 ? "openai" : "anthropic";
            ThreeJvms.HeldStream stream =
                    dialect.equals("openai") ? ThreeJvms.hold(front.openAi()) : ThreeJvms.hold(front.anthropic());
            ThreeJvms.awaitInFlight(cluster, i + 1);
            ForkedNode node = ThreeJvms.inFlight(cluster.node(2)) > onTwo ? cluster.node(2) : cluster.node(3);
            streams.add(new Placed(stream, dialect, node));
            if (streams.stream().filter(placed -> placed.node() == node).map(Placed::dialect).distinct().count() == 2) {
                return node;
            }
        }
        throw new AssertionError("no node ran streams of both dialects: " + streams);
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
