package dev.junction.gateway.cluster;

import com.anthropic.client.AnthropicClient;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.gateway.bench.MockProfile;
import dev.junction.gateway.bench.MockUpstream;
import dev.junction.gateway.support.ForkedCluster;
import dev.junction.gateway.support.ForkedNode;
import dev.junction.gateway.support.Scrapes;
import dev.junction.gateway.support.TestGateway;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The three gateway JVMs every forked cluster test shares ({@link ForkedCluster#shared}), so that
 * the whole set starts three JVMs once. Node 1 hosts nothing; node 2 hosts {@value #SLOW}; node 3
 * hosts {@code echo} and {@value #SLOW}. {@value #SLOW} is the openai plugin in front of a mock
 * upstream in this JVM (started with the cluster, it lives as long as this JVM) whose streams send 200 chunks 50 ms apart (10 s; its answers that do not stream
 * come at once): long enough to see which node runs a stream, to kill that node, or to hold a limit.
 * The keys: {@link ForkedNode#DEFAULT_KEY} with no limits, {@link #THREE_A_MINUTE} and {@link #TWO_AT_ONCE}.
 */
final class ThreeJvms {

    static final String SLOW = "slow";
    /** A key limited to 3 requests per minute. */
    static final String THREE_A_MINUTE = "key-three-a-minute";
    /** A key limited to 2 requests at once. */
    static final String TWO_AT_ONCE = "key-two-at-once";

    private static final String AUTH = "  keys:\n"
            + "    - {name: tests, key: " + ForkedNode.DEFAULT_KEY + "}\n"
            + "    - {name: three-a-minute, key: " + THREE_A_MINUTE + ", limits: {requestsPerMinute: 3}}\n"
            + "    - {name: two-at-once, key: " + TWO_AT_ONCE + ", limits: {concurrentRequests: 2}}\n";
    private static final String IN_FLIGHT = "junction_backend_in_flight";

    private static ForkedCluster.Layout layout;

    private ThreeJvms() {}

    /** The shared cluster, started (with its mock upstream) on first use. */
    static synchronized ForkedCluster cluster() throws Exception {
        if (layout == null) {
            int upstream = MockUpstream.start("127.0.0.1", 0, 1, new MockProfile(200, 50, 0))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS).port();
            String backends = TestGateway.echoBackend()
                    + "  " + SLOW + ":\n    plugin: openai\n    models: [" + SLOW + "]\n"
                    + "    options: {baseUrl: \"http://127.0.0.1:" + upstream + "/v1\", apiKey: test}\n";
            layout = new ForkedCluster.Layout(backends, AUTH,
                    List.of(List.of(), List.of("openai.jar"), List.of("echo.jar", "openai.jar")));
        }
        return ForkedCluster.shared(layout);
    }

    /** The {@value #SLOW} answers {@code node} is running now, as its {@code /metrics} shows. */
    static int inFlight(ForkedNode node) {
        return (int) Scrapes.scrape(node.port()).value(IN_FLIGHT, "backend", SLOW);
    }

    /** Waits until the live hosting nodes (of 2 and 3) run {@code count} {@value #SLOW} answers together. */
    static void awaitInFlight(ForkedCluster cluster, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (hostsInFlight(cluster).stream().mapToInt(Integer::intValue).sum() != count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("nodes 2 and 3 never ran " + count + " answers together: "
                        + hostsInFlight(cluster));
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private static List<Integer> hostsInFlight(ForkedCluster cluster) {
        return Stream.of(cluster.node(2), cluster.node(3)).filter(ForkedNode::alive).map(ThreeJvms::inFlight).toList();
    }

    /** Opens a {@value #SLOW} chat completion stream through {@code client} and reads its first chunk. */
    static HeldStream hold(OpenAIClient client) {
        StreamResponse<ChatCompletionChunk> response = client.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model(SLOW).addUserMessage("take your time").build());
        return HeldStream.started(response::close, response.stream().iterator());
    }

    /** Opens a {@value #SLOW} message stream through {@code client} and reads its first event. */
    static HeldStream hold(AnthropicClient client) {
        com.anthropic.core.http.StreamResponse<RawMessageStreamEvent> response = client.messages().createStreaming(
                MessageCreateParams.builder().model(SLOW).maxTokens(1000).addUserMessage("take your time").build());
        return HeldStream.started(response::close, response.stream().iterator());
    }

    /** A stream of {@value #SLOW} whose first event was read, in either dialect; closing it leaves the stream. */
    record HeldStream(Runnable closer, Iterator<?> events) implements AutoCloseable {

        private static HeldStream started(Runnable closer, Iterator<?> events) {
            events.next();
            return new HeldStream(closer, events);
        }

        @Override
        public void close() {
            closer.run();
        }
    }
}
