package dev.junction.gateway.cluster;

import static dev.junction.gateway.cluster.ProbeNodes.await;
import static dev.junction.gateway.cluster.ProbeNodes.awaitNoExchangeLeft;
import static dev.junction.gateway.cluster.ProbeNodes.awaitSeen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.gateway.cluster.Membership;
import dev.junction.gateway.support.InProcessCluster;
import dev.junction.gateway.support.TestGateway;
import io.vertx.core.internal.VertxInternal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hosting node that dies without leaving the cluster (its Hazelcast member terminated, its Vert.x
 * closed, the gateway never stopped): the stream it served ends with the dialect's error event
 * within 5 s; a request it held unanswered is retried on a survivor; new requests go to the
 * survivors; the node started again serves again; none of it opens the backend's circuit. A front
 * node that dies has its answers cancelled on the node that served them. Nothing stays open.
 */
@Timeout(240)
class NodeFailoverTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path root;

    @Test
    void a_killed_node_ends_its_streams_in_5_s_its_unanswered_requests_go_to_a_survivor_and_it_serves_again_once_back()
            throws Exception {
        InProcessCluster cluster = new InProcessCluster();
        List<TestGateway> nodes = new ArrayList<>();
        try {
            // The front's circuit would open at the first failure that counts: a node's loss must not.
            TestGateway front = started(
                    nodes, ProbeNodes.start(cluster, root, "front", false, "", ProbeNodes.STRICT_BREAKER, null));
            TestGateway two = started(nodes, ProbeNodes.start(cluster, root, "two", true, "hold: true"));
            awaitSeen(front, two, node -> node.inFlight().containsKey("probe"));
            OpenAIClient openAi = front.openAi("k");

            BlockingQueue<String> stream = openStream(front, "endless");
            awaitLine(stream, "two:1 ", 20);
            NodeProbe.arrivals.clear();
            CompletableFuture<ChatCompletion> held = openAi.async().chat().completions().create(chat("held"));
            assertThat(NodeProbe.arrivals.poll(20, TimeUnit.SECONDS)).isEqualTo("two:held");

            TestGateway three = started(nodes, ProbeNodes.start(cluster, root, "three", true, ""));
            awaitSeen(front, three, node -> node.inFlight().containsKey("probe"));

            long killedAt = System.nanoTime();
            two.kill();
            String error = awaitLine(stream, "\"error\"", 10);
            assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).as("from the kill to the error event")
                    .isLessThan(Duration.ofSeconds(5));
            assertThat(error).contains("server_error").contains("Backend 'probe' was cut off: node " + two.nodes().self());

            assertThat(held.get(20, TimeUnit.SECONDS).choices().get(0).message().content())
                    .as("retried on the survivor").hasValue("three");
            assertThat(openAi.chat().completions().create(chat("who")).choices().get(0).message().content())
                    .hasValue("three");
            await("exchanges watched on front", () -> front.nodes().openElsewhere() == 0);

            TestGateway twoAgain = started(nodes, ProbeNodes.start(cluster, root, "two", true, ""));
            awaitSeen(front, twoAgain, node -> node.inFlight().containsKey("probe"));
            List<CompletableFuture<ChatCompletion>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(openAi.async().chat().completions().create(chat("slow")));
            }
            assertThat(answers.stream().map(answer -> answer.join().choices().get(0).message().content().orElseThrow()))
                    .as("served by the restarted node too")
                    .contains("two", "three");

            TestGateway edge = started(nodes, ProbeNodes.start(cluster, root, "edge", false, ""));
            awaitSeen(edge, three, node -> node.inFlight().containsKey("probe"));
            awaitSeen(edge, twoAgain, node -> node.inFlight().containsKey("probe"));
            NodeProbe.cancels.clear();
            BlockingQueue<String> orphan = openStream(edge, "endless");
            String first = awaitLine(orphan, ":1 ", 20);
            String serving = first.contains("three:") ? "three" : "two";
            TestGateway host = serving.equals("three") ? three : twoAgain;
            edge.kill();
            assertThat(NodeProbe.cancels.poll(20, TimeUnit.SECONDS)).as("the orphaned answer is cancelled").isEqualTo(serving + ":endless");
            await("answers in flight on " + serving,
                    () -> host.nodes().nodes().get(host.nodes().self()).inFlight().get("probe") == 0);
            for (TestGateway survivor : new TestGateway[] {front, three, twoAgain}) {
                awaitNoExchangeLeft(survivor);
            }
        } finally {
            nodes.forEach(TestGateway::close);
        }
    }

    @Test
    void a_node_that_hangs_is_dropped_before_the_cluster_notices_its_stream_ends_in_5_s_and_it_serves_again_once_back()
            throws Exception {
        InProcessCluster cluster = new InProcessCluster();
        List<TestGateway> nodes = new ArrayList<>();
        try {
            TestGateway front = started(nodes, ProbeNodes.start(cluster, root, "front", false, ""));
            TestGateway two = started(nodes, ProbeNodes.start(cluster, root, "two", true, ""));
            awaitSeen(front, two, node -> node.inFlight().containsKey("probe"));
            BlockingQueue<String> stream = openStream(front, "endless");
            awaitLine(stream, "two:1 ", 20);
            assertThat(ProbeNodes.exchangeAddresses(front)).as("the stream's events address").isEqualTo(1);
            assertThat(ProbeNodes.exchangeAddresses(two)).as("the stream's cancel and credit addresses").isEqualTo(2);

            long frozenAt = System.nanoTime();
            CountDownLatch thaw = freeze(two);
            try {
                String error = awaitLine(stream, "\"error\"", 10);
                assertThat(Duration.ofNanos(System.nanoTime() - frozenAt)).as("from the hang to the error event")
                        .isLessThan(Duration.ofSeconds(5));
                assertThat(error).contains("Backend 'probe' was cut off: node " + two.nodes().self());
                assertThat(Membership.of(front.vertx()).nodes()).as("still a member for the cluster manager")
                        .contains(two.nodes().self());
                assertThatThrownBy(() -> front.openAi("k").chat().completions().create(chat("who")))
                        .as("no live host left")
                        .isInstanceOfSatisfying(OpenAIServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(503))
                        .hasMessageContaining("Backend 'probe' is not available on any node");
            } finally {
                thaw.countDown();
            }
            awaitSeen(front, two, node -> node.inFlight().containsKey("probe"));
            assertThat(front.openAi("k").chat().completions().create(chat("who")).choices().get(0).message().content())
                    .hasValue("two");
            await("exchanges watched on front", () -> front.nodes().openElsewhere() == 0);
            await("answers in flight on two", () -> two.nodes().nodes().get(two.nodes().self()).inFlight().get("probe") == 0);
            awaitNoExchangeLeft(front);
            awaitNoExchangeLeft(two);
        } finally {
            nodes.forEach(TestGateway::close);
        }
    }

    /** Blocks every event loop of {@code node}, as a hung process would be, until the latch is counted down. */
    private static CountDownLatch freeze(TestGateway node) {
        CountDownLatch thaw = new CountDownLatch(1);
        ((VertxInternal) node.vertx()).eventLoopGroup().forEach(loop -> loop.execute(() -> {
            try {
                thaw.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        return thaw;
    }

    private static TestGateway started(List<TestGateway> nodes, TestGateway node) {
        nodes.add(node);
        return node;
    }

    /** Opens a streamed chat on {@code node} and hands each line of its answer to the queue, as it comes. */
    private static BlockingQueue<String> openStream(TestGateway node, String model) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HTTP.sendAsync(HttpRequest.newBuilder(URI.create(node.url("/v1/chat/completions")))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"stream\":true,"
                                + "\"messages\":[{\"role\":\"user\",\"content\":\"go on\"}]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> response.body().forEach(lines::add));
        return lines;
    }

    /** The first line of {@code lines} that contains {@code part}, waiting up to {@code seconds}. */
    private static String awaitLine(BlockingQueue<String> lines, String part, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertThat(line).as("a line with %s", part).isNotNull();
            if (line.contains(part)) {
                return line;
            }
        }
    }

    private static ChatCompletionCreateParams chat(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("hi").build();
    }
}
