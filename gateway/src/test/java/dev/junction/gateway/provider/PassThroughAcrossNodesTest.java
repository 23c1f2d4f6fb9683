package dev.junction.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.cluster.ProbeNodes;
import dev.junction.gateway.provider.FakeProvider.Reply;
import dev.junction.gateway.support.InProcessCluster;
import dev.junction.gateway.support.RawConnection;
import dev.junction.gateway.support.TestGateway;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pass-through across cluster nodes: {@code front} lacks the openai plugin, {@code host} runs it and
 * announces that it relays OpenAI clients. A request to {@code front} crosses the event bus as the
 * client's bytes and its answer as the upstream's, byte for byte, in the credit-counted batches.
 */
@Timeout(180)
class PassThroughAcrossNodesTest {

    private static FakeProvider openAi;
    private static TestGateway front;
    private static TestGateway host;

    @BeforeAll
    static void startCluster(@TempDir Path root) {
        openAi = FakeProvider.start();
        InProcessCluster cluster = new InProcessCluster();
        front = node(cluster, root, "front", false);
        host = node(cluster, root, "host", true);
        ProbeNodes.awaitSeen(front, host, node -> node.relays().getOrDefault("relay", Set.of()).contains("openai"));
    }

    @AfterAll
    static void stopCluster() {
        for (TestGateway node : new TestGateway[] {front, host}) {
            if (node != null) {
                node.close();
            }
        }
        openAi.close();
    }

    @Test
    void a_stream_served_on_another_node_reaches_the_client_byte_for_byte() throws Exception {
        String recorded = Files.readString(PassThroughTest.STREAMS.resolve("tool-calls-parallel.sse"));
        openAi.reply(Reply.sse(PassThroughTest.events(recorded)));
        String body = "{\"model\":\"gpt-4.1\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"}]}";

        RawConnection.ChunkedAnswer answer = RawConnection.postChunked(front.port(), "/v1/chat/completions", body);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(PassThroughTest.withoutUsageChunk(recorded));
        assertThat(openAi.only().body()).isEqualTo("{\"stream_options\":{\"include_usage\":true}," + body.substring(1));
        openAi.reset();
    }

    @Test
    void a_whole_answer_served_on_another_node_is_the_upstreams_body() throws Exception {
        String completion = AnthropicClientToOpenAiTest.completion("Across.").encodePrettily();
        openAi.reply(new Reply(200, Map.of("content-type", "application/json"), List.of(completion)));

        HttpResponse<String> answer = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(front.url("/v1/chat/completions")))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"model\":\"gpt-4.1\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(completion);
        openAi.reset();
    }

    private static TestGateway node(InProcessCluster cluster, Path root, String name, boolean withPlugin) {
        Path dir = root.resolve(name);
        Path plugins = dir.resolve("plugins");
        try {
            Files.createDirectories(plugins);
            if (withPlugin) {
                Files.copy(TestGateway.BUILT_PLUGINS.resolve("openai.jar"), plugins.resolve("openai.jar"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return TestGateway.builder(dir)
                .cluster(cluster)
                .plugins(plugins)
                .backends("  relay:\n    plugin: openai\n    models: [\"gpt-*\"]\n"
                        + "    options: {baseUrl: \"" + openAi.baseUrl() + "/v1\", apiKey: " + ProviderGateway.OPENAI_KEY + "}\n")
                .start();
    }
}
