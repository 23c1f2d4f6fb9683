package dev.junction.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.backend.BackendHost;
import dev.junction.gateway.backend.PluginHost;
import dev.junction.gateway.bus.Addresses;
import dev.junction.gateway.bus.NodeDirectory;
import dev.junction.gateway.config.BackendConfig;
import dev.junction.gateway.metrics.GatewayMetrics;
import dev.junction.gateway.resilience.CircuitBreakers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes answering on their own addresses, and a view that asks them all: one that does not answer
 * in time, or not at all, is reported unreachable, and the view still completes in time.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class ClusterViewTest {

    private static final BackendConfig GHOST = new BackendConfig("ghost", "absent", List.of("ghost"), new JsonObject());
    private static final BackendConfig SPECTRE = new BackendConfig("spectre", "absent", List.of("spectre-*"), new JsonObject());

    @TempDir
    Path plugins;

    /** A node of the backends {@code ghost} and {@code spectre}, whose plugin is missing (its folder is empty). */
    private Future<LocalNode> node(Vertx vertx, String id) {
        List<BackendConfig> backends = List.of(GHOST, SPECTRE);
        NodeDirectory nodes = new NodeDirectory(new FixedMembership(id));
        return vertx.deployVerticle(nodes)
                .compose(deployed -> BackendHost.deploy(
                        vertx, new PluginHost(plugins, "1.0.0"), backends, GatewayMetrics.create(), nodes))
                .map(host -> new LocalNode(vertx, id, host, new CircuitBreakers(vertx), backends));
    }

    @Test
    void a_node_answers_on_its_own_address_with_its_state(Vertx vertx, VertxTestContext test) {
        node(vertx, "n2")
                .compose(node -> {
                    node.drain();
                    return node.serve("127.0.0.1:18080");
                })
                .compose(serving -> node(vertx, "n1"))
                .compose(self -> new ClusterView(vertx, new FixedMembership("n1", "n2"), self).ask(Duration.ofSeconds(2)))
                .onComplete(test.succeeding(snapshot -> test.verify(() -> {
                    assertThat(snapshot.nodes()).extracting(ClusterSnapshot.NodeAnswer::id).containsExactly("n1", "n2");
                    NodeReport other = snapshot.nodes().get(1).report();
                    assertThat(other.address()).isEqualTo("127.0.0.1:18080");
                    assertThat(other.draining()).isTrue();
                    NodeReport.Hosting ghost = other.backends().get("ghost");
                    assertThat(ghost.available()).isFalse();
                    assertThat(ghost.reason()).contains("plugin 'absent' is not installed");
                    assertThat(ghost.circuit()).isEqualTo("closed");
                    assertThat(snapshot.nodes().get(0).report().draining()).isFalse();
                    test.completeNow();
                })));
    }

    @Test
    void nodes_asked_about_some_backends_report_those_alone(Vertx vertx, VertxTestContext test) {
        node(vertx, "n2")
                .compose(node -> node.serve("127.0.0.1:18080"))
                .compose(serving -> node(vertx, "n1"))
                .compose(self -> new ClusterView(vertx, new FixedMembership("n1", "n2"), self).ask(Duration.ofSeconds(2), Set.of("spectre")))
                .onComplete(test.succeeding(snapshot -> test.verify(() -> {
                    assertThat(snapshot.nodes()).allSatisfy(node ->
                            assertThat(node.report().backends()).containsOnlyKeys("spectre"));
                    test.completeNow();
                })));
    }

    @Test
    void nodes_that_do_not_answer_are_unreachable_and_the_view_still_answers_in_time(
            Vertx vertx, VertxTestContext test) {
        vertx.eventBus().consumer(Addresses.nodeInfo("silent"), message -> {
            // hangs: never replies
        });
        long[] started = new long[1];
        node(vertx, "self")
                .compose(self -> {
                    started[0] = System.nanoTime();
                    return new ClusterView(vertx, new FixedMembership("self", "silent", "gone"), self).ask(Duration.ofMillis(500));
                })
                .onComplete(test.succeeding(snapshot -> test.verify(() -> {
                    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started[0]);
                    assertThat(tookMs).as("waited no longer than the timeout and a margin").isLessThan(2_000);
                    assertThat(snapshot.nodes()).extracting(ClusterSnapshot.NodeAnswer::id)
                            .containsExactly("self", "gone", "silent");
                    assertThat(snapshot.nodes().get(0).reachable()).isTrue();
                    assertThat(snapshot.nodes().get(1).failure()).contains("does not answer on the event bus");
                    assertThat(snapshot.nodes().get(2).failure()).isEqualTo("did not answer within 500 ms");
                    test.completeNow();
                })));
    }
}
