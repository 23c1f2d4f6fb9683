package dev.junction.gateway.cluster;

import static dev.junction.gateway.cluster.ProbeNodes.await;
import static dev.junction.gateway.cluster.ProbeNodes.awaitNoExchangeLeft;
import static dev.junction.gateway.cluster.ProbeNodes.awaitSeen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.hazelcast.core.EntryAdapter;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.multimap.MultiMap;
import com.openai.errors.OpenAIServiceException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.gateway.support.InProcessCluster;
import dev.junction.gateway.support.RawConnection;
import dev.junction.gateway.support.TestGateway;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes in one cluster: {@code front} lacks the probe's plugin JAR, {@code off} has it but the
 * backend is unavailable there, {@code host} serves it. Requests to either of the first two are
 * served by {@code host}, over the event bus, through the official SDKs; a backend no node serves
 * is a fast 503 naming it; nothing of an answer stays open on any node.
 */
@Timeout(180)
class CrossNodeServingTest {

    @TempDir
    static Path root;

    private static TestGateway front;
    private static TestGateway off;
    private static TestGateway host;

    @BeforeAll
    static void startCluster() {
        InProcessCluster cluster = new InProcessCluster();
        front = ProbeNodes.start(cluster, root, "front", false, "");
        off = ProbeNodes.start(cluster, root, "off", true, "available: false");
        host = ProbeNodes.start(cluster, root, "host", true, "count: 3");
        awaitSeen(front, host, node -> node.inFlight().containsKey("probe"));
        awaitSeen(off, host, node -> node.inFlight().containsKey("probe"));
        awaitSeen(front, off, node -> node.unavailable().containsKey("probe"));
    }

    @AfterAll
    static void stopCluster() {
        for (TestGateway node : new TestGateway[] {front, off, host}) {
            if (node != null) {
                node.close();
            }
        }
    }

    @AfterEach
    void nothing_of_the_answers_is_left_open() {
        await("exchanges watched on front", () -> front.nodes().openElsewhere() == 0);
        await("exchanges watched on off", () -> off.nodes().openElsewhere() == 0);
        await("answers in flight on host", () -> host.nodes().nodes().get(host.nodes().self()).inFlight().get("probe") == 0);
        for (TestGateway node : new TestGateway[] {front, off, host}) {
            awaitNoExchangeLeft(node);
        }
    }

    @Test
    void a_node_without_the_plugin_passes_requests_to_the_node_that_hosts_the_backend() {
        var openAi = front.openAi("k");
        var answer = openAi.chat().completions().create(chat("who"));
        assertThat(answer.choices().get(0).message().content()).hasValue("host");

        ChatCompletionAccumulator streamed = ChatCompletionAccumulator.create();
        try (var stream = openAi.chat().completions().createStreaming(chat("words"))) {
            stream.stream().forEach((ChatCompletionChunk chunk) -> streamed.accumulate(chunk));
        }
        String words = IntStream.range(0, NodeNamedBackendFactory.WORDS)
                .mapToObj(i -> "host:" + i + " ")
                .collect(Collectors.joining());
        assertThat(streamed.chatCompletion().choices().get(0).message().content()).hasValue(words);
    }

    @Test
    void a_stream_across_nodes_keeps_its_order_under_flow_control() {
        ChatCompletionAccumulator streamed = ChatCompletionAccumulator.create();
        try (var stream = front.openAi("k").chat().completions().createStreaming(chat("many"))) {
            stream.stream().forEach((ChatCompletionChunk chunk) -> streamed.accumulate(chunk));
        }
        String numbers = IntStream.range(0, NodeNamedBackendFactory.MANY)
                .mapToObj(i -> i + " ")
                .collect(Collectors.joining());
        assertThat(streamed.chatCompletion().choices().get(0).message().content()).hasValue(numbers);
    }

    @Test
    void a_fast_stream_across_nodes_takes_far_fewer_writes_than_events() throws Exception {
        RawConnection.ChunkedAnswer answer = RawConnection.postChunked(front.port(), "/v1/chat/completions", raw("many"));

        assertThat(answer.body()).contains("\"0 \"", "\"" + (NodeNamedBackendFactory.MANY - 1) + " \"");
        assertThat(answer.chunks()).as("writes for %d events", NodeNamedBackendFactory.MANY)
                .hasSizeLessThan(NodeNamedBackendFactory.MANY / 10);
        assertThat(answer.chunks().get(0).text()).as("the first write: the answer's start, alone")
                .contains("\"role\":\"assistant\"")
                .doesNotContain("\"0 \"");
    }

    @Test
    void a_paced_stream_across_nodes_goes_out_word_by_word() throws Exception {
        RawConnection.ChunkedAnswer answer = RawConnection.postChunked(front.port(), "/v1/chat/completions", raw("words"));

        long alone = answer.chunks().stream()
                .filter(chunk -> chunk.text().split("\"host:", -1).length == 2)
                .count();
        // Words 100 ms apart: each goes out in a write of its own, unless a stalled event loop joined two.
        assertThat(alone).as("words written alone").isGreaterThanOrEqualTo(NodeNamedBackendFactory.WORDS * 3 / 4);
    }

    @Test
    void answers_across_nodes_register_nothing_in_the_cluster() {
        // Vert.x keeps the cluster's event-bus consumers in this Hazelcast multimap: a consumer per
        // exchange would be an update there, sent to every node, on every request.
        AtomicInteger registered = new AtomicInteger();
        MultiMap<Object, Object> subscriptions =
                front.membership().hazelcast().orElseThrow().getMultiMap("__vertx.subs");
        UUID listening = subscriptions.addEntryListener(new EntryAdapter<>() {
            @Override
            public void entryAdded(EntryEvent<Object, Object> event) {
                registered.incrementAndGet();
            }
        }, false);
        try {
            var openAi = front.openAi("k");
            for (int i = 0; i < 5; i++) {
                assertThat(openAi.chat().completions().create(chat("who")).choices().get(0).message().content())
                        .hasValue("host");
                try (var stream = openAi.chat().completions().createStreaming(chat("words"))) {
                    assertThat(stream.stream().count()).isPositive();
                }
            }
        } finally {
            subscriptions.removeEntryListener(listening);
        }
        assertThat(registered.get()).as("consumers registered in the cluster by 10 answers").isZero();
    }

    @Test
    void a_node_where_the_backend_is_unavailable_passes_its_requests_on() {
        var anthropic = off.anthropic("k");
        var message = anthropic.messages().create(MessageCreateParams.builder()
                .model("who").maxTokens(5).addUserMessage("hi").build());
        assertThat(message.content().get(0).asText().text()).isEqualTo("host");

        var count = anthropic.messages().countTokens(MessageCountTokensParams.builder()
                .model("who").addUserMessage("hi").build());
        assertThat(count.inputTokens()).as("counted on host").isEqualTo(3);
    }

    @Test
    void a_backend_no_node_serves_is_a_fast_503_naming_it() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> front.openAi("k").chat().completions().create(chat("ghost")))
                .isInstanceOfSatisfying(OpenAIServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(503))
                .hasMessageContaining("Backend 'ghost' is not available on any node")
                .hasMessageContaining("plugin 'no-such-plugin' is not installed");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("a refusal, not a wait").isLessThan(Duration.ofSeconds(3));
    }

    private static ChatCompletionCreateParams chat(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("hi").build();
    }

    private static String raw(String model) {
        return "{\"model\":\"" + model + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }
}
