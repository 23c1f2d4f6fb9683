package dev.junction.gateway.cluster;

import static dev.junction.gateway.cluster.ProbeNodes.await;
import static dev.junction.gateway.cluster.ProbeNodes.awaitNoExchangeLeft;
import static dev.junction.gateway.cluster.ProbeNodes.awaitSeen;
import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.gateway.support.InProcessCluster;
import dev.junction.gateway.support.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes host the probe, a third takes the requests: concurrent requests are split between the
 * hosts (least in flight), and a host that starts stopping is chosen for nothing new while it
 * finishes the stream it serves for the front node. The draining test stops a node: it runs last.
 */
@Timeout(180)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedLoadAndDrainingTest {

    @TempDir
    static Path root;

    private static final BlockingQueue<String> frontLog = new LinkedBlockingQueue<>();

    private static TestGateway front;
    private static TestGateway two;
    private static TestGateway three;

    @BeforeAll
    static void startCluster() {
        InProcessCluster cluster = new InProcessCluster();
        front = ProbeNodes.start(cluster, root, "front", false, "", "", frontLog::add);
        two = ProbeNodes.start(cluster, root, "two", true, "");
        three = ProbeNodes.start(cluster, root, "three", true, "");
        awaitSeen(front, two, node -> node.inFlight().containsKey("probe"));
        awaitSeen(front, three, node -> node.inFlight().containsKey("probe"));
    }

    @AfterAll
    static void stopCluster() {
        for (TestGateway node : new TestGateway[] {front, two, three}) {
            if (node != null) {
                node.close();
            }
        }
    }

    @Test
    @Order(1)
    void concurrent_requests_are_split_between_the_hosting_nodes() {
        OpenAIClient openAi = front.openAi("k");
        List<CompletableFuture<ChatCompletion>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            answers.add(openAi.async().chat().completions().create(chat("slow")));
        }
        Map<String, Long> servedBy = answers.stream()
                .map(answer -> answer.join().choices().get(0).message().content().orElseThrow())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

        assertThat(servedBy.keySet()).containsExactlyInAnyOrder("two", "three");
        assertThat(servedBy.values()).allSatisfy(count -> assertThat(count).isBetween(3L, 5L));
    }

    @Test
    @Order(2)
    void a_draining_node_is_chosen_for_nothing_new_and_finishes_the_stream_it_serves() throws Exception {
        OpenAIClient openAi = front.openAi("k");
        ChatCompletionAccumulator streamed = ChatCompletionAccumulator.create();
        try (var stream = openAi.chat().completions().createStreaming(chat("words"))) {
            Iterator<ChatCompletionChunk> chunks = stream.stream().iterator();
            String first = "";
            while (first.isEmpty()) {
                ChatCompletionChunk chunk = chunks.next();
                streamed.accumulate(chunk);
                first = chunk.choices().isEmpty() ? "" : chunk.choices().get(0).delta().content().orElse("");
            }
            String serving = first.substring(0, first.indexOf(':'));
            TestGateway draining = serving.equals("two") ? two : three;
            String other = serving.equals("two") ? "three" : "two";

            Future<Void> stopped = draining.stop();
            awaitSeen(front, draining, node -> node.draining());
            frontLog.clear();
            for (int i = 0; i < 4; i++) {
                assertThat(openAi.chat().completions().create(chat("who")).choices().get(0).message().content())
                        .as("a new request while %s drains", serving)
                        .hasValue(other);
            }
            assertThat(stopped.isComplete()).as("the stop waits for the stream").isFalse();
            await("the access log of the new requests", () -> frontLog.size() >= 4);
            assertThat(frontLog).allSatisfy(line -> assertThat(new JsonObject(line).getInteger("retries"))
                    .as("sent to %s at once, not retried after trying %s", other, serving)
                    .isZero());

            chunks.forEachRemaining(streamed::accumulate);
            String words = IntStream.range(0, NodeNamedBackendFactory.WORDS)
                    .mapToObj(i -> serving + ":" + i + " ")
                    .collect(Collectors.joining());
            assertThat(streamed.chatCompletion().choices().get(0).message().content()).hasValue(words);
            stopped.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        }
        await("exchanges watched on front", () -> front.nodes().openElsewhere() == 0);
        awaitNoExchangeLeft(front);
        awaitNoExchangeLeft(two);
        awaitNoExchangeLeft(three);
    }

    private static ChatCompletionCreateParams chat(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("hi").build();
    }
}
