package dev.junction.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.models.models.ModelInfo;
import com.openai.models.models.Model;
import dev.junction.gateway.bench.MockProfile;
import dev.junction.gateway.bench.MockUpstream;
import dev.junction.gateway.support.InProcessCluster;
import dev.junction.gateway.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateways in one Hazelcast cluster (in this JVM, on 127.0.0.1), configured alike, where only
 * the second has the {@code openai} plugin, pointed at a fake OpenAI upstream that lists
 * {@code mock-model}. The first shows the whole cluster: both nodes in {@code /health}, the backend
 * hosted by the second, its model in both SDKs' model lists; and once the second dies abruptly,
 * {@code /health} still answers in time without it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterViewAcrossNodesTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String KEY = "unused";

    private MockUpstream.Running upstream;
    private TestGateway first;
    private TestGateway second;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        upstream = MockUpstream.start("127.0.0.1", 0, 1, new MockProfile(1, 0, 0))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        String backends = TestGateway.echoBackend()
                + "  mock:\n    plugin: openai\n    models: [\"mock-*\"]\n"
                + "    options: {baseUrl: \"http://127.0.0.1:" + upstream.port() + "/v1\", apiKey: test}\n";
        InProcessCluster cluster = new InProcessCluster();
        first = node(dir.resolve("first"), backends, cluster, "echo.jar");
        second = node(dir.resolve("second"), backends, cluster, "echo.jar", "openai.jar");
    }

    private static TestGateway node(Path dir, String backends, InProcessCluster cluster, String... jars)
            throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        for (String jar : jars) {
            Files.copy(TestGateway.BUILT_PLUGINS.resolve(jar), plugins.resolve(jar));
        }
        return TestGateway.builder(dir).plugins(plugins).backends(backends).cluster(cluster).start();
    }

    @AfterAll
    void stop() {
        for (AutoCloseable closing : new AutoCloseable[] {second, first}) {
            try {
                if (closing != null) {
                    closing.close();
                }
            } catch (Exception e) {
                // the other one still closes
            }
        }
        if (upstream != null) {
            upstream.vertx().close();
        }
    }

    @Test
    @Order(1)
    void health_lists_both_nodes_and_the_node_that_hosts_each_backend() throws Exception {
        JsonObject health = awaitHealth(first, "both nodes answering", body -> body.getJsonArray("nodes").size() == 2
                && body.getJsonArray("nodes").stream().allMatch(node -> "ok".equals(((JsonObject) node).getString("status"))));

        assertThat(health.getString("node")).isEqualTo(first.nodeId());
        JsonArray nodes = health.getJsonArray("nodes");
        assertThat(nodes.getJsonObject(0).getString("id")).as("the node asked comes first").isEqualTo(first.nodeId());
        assertThat(nodes.getJsonObject(1).getString("id")).isEqualTo(second.nodeId());
        assertThat(nodes.getJsonObject(1).getString("address")).isEqualTo("127.0.0.1:" + second.port());
        assertThat(nodes.getJsonObject(1).getBoolean("draining")).isFalse();

        JsonObject mock = health.getJsonObject("backends").getJsonObject("mock");
        assertThat(mock.getString("plugin")).isEqualTo("openai");
        assertThat(mock.getString("status")).isEqualTo("available");
        assertThat(mock.getJsonArray("nodes")).containsExactly(second.nodeId());
        assertThat(health.getJsonObject("backends").getJsonObject("echo").getJsonArray("nodes"))
                .containsExactlyInAnyOrder(first.nodeId(), second.nodeId());

        JsonObject onFirst = nodes.getJsonObject(0).getJsonObject("backends").getJsonObject("mock");
        assertThat(onFirst.getString("status")).isEqualTo("unavailable");
        assertThat(onFirst.getString("reason")).contains("plugin 'openai' is not installed");
        JsonObject onSecond = nodes.getJsonObject(1).getJsonObject("backends").getJsonObject("mock");
        assertThat(onSecond.getString("status")).isEqualTo("available");
        assertThat(onSecond.getString("circuit")).isEqualTo("closed");
    }

    @Test
    @Order(2)
    void model_lists_on_either_node_hold_the_models_of_a_backend_hosted_on_the_other() {
        awaitHealth(first, "the second node answering", body -> body.getJsonObject("backends")
                .getJsonObject("mock").getJsonArray("nodes").contains(second.nodeId()));

        List<Model> openAi = first.openAi(KEY).models().list().data();
        assertThat(openAi).extracting(Model::id).containsExactly("echo", "mock-model");
        assertThat(openAi).filteredOn(model -> model.id().equals("mock-model"))
                .singleElement().extracting(Model::ownedBy).isEqualTo("mock");
        assertThat(first.openAi(KEY).models().retrieve("mock-model").ownedBy()).isEqualTo("mock");

        List<ModelInfo> anthropic = first.anthropic(KEY).models().list().data();
        assertThat(anthropic).extracting(ModelInfo::id).containsExactly("echo", "mock-model");
        assertThat(second.openAi(KEY).models().list().data()).extracting(Model::id).containsExactly("echo", "mock-model");
    }

    @Test
    @Order(3)
    void a_node_that_dies_abruptly_is_unreachable_or_gone_and_health_still_answers_in_time() throws Exception {
        String dead = second.nodeId();
        second.kill();

        long started = System.nanoTime();
        HttpResponse<String> response = get(first);
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(tookMs).as("within the nodes' timeout and a margin")
                .isLessThan(ClusterView.HEALTH_TIMEOUT.toMillis() + 2_000);
        JsonObject health = new JsonObject(response.body());
        health.getJsonArray("nodes").stream()
                .map(JsonObject.class::cast)
                .filter(node -> node.getString("id").equals(dead))
                .forEach(node -> assertThat(node.getString("status")).as("the dead node, while still a member").isEqualTo("unreachable"));
        JsonObject mock = health.getJsonObject("backends").getJsonObject("mock");
        assertThat(mock.getString("status")).isEqualTo("unavailable");
        assertThat(mock.getJsonArray("nodes")).isEmpty();
        assertThat(health.getJsonObject("backends").getJsonObject("echo").getJsonArray("nodes")).containsExactly(first.nodeId());
    }

    /** Polls {@code /health} until {@code ready} holds (subscriptions reach the other node a moment after it starts). */
    private static JsonObject awaitHealth(TestGateway gateway, String what, Predicate<JsonObject> ready) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        JsonObject body = null;
        try {
            while (System.nanoTime() < deadline) {
                body = new JsonObject(get(gateway).body());
                if (ready.test(body)) {
                    return body;
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("waited 20 s for " + what + "; /health said " + body);
    }

    private static HttpResponse<String> get(TestGateway gateway) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(gateway.url("/health"))).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
