package dev.junction.gateway.bus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.cluster.FixedMembership;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The choice of the node that serves a request, from the nodes' announcements. */
class NodeDirectoryTest {

    private final NodeDirectory directory = new NodeDirectory(new FixedMembership("self"));

    @Test
    void a_node_alone_serves_its_own_backends_and_names_why_it_serves_no_other() {
        directory.heard(announce("self", false, Map.of("echo", 0), Map.of("claude", "'claude' not found on PATH")));

        assertThat(directory.choose("echo", Set.of()).nodeId()).isEqualTo("self");
        assertThat(directory.choose("echo", Set.of()).chat()).isEqualTo(Addresses.backend("echo", "self"));
        assertThat(directory.choose("claude", Set.of())).isNull();
        assertThat(directory.noHost("claude").message())
                .isEqualTo("Backend 'claude' is not available on any node ('claude' not found on PATH).");
        assertThat(directory.noHost("ghost").message()).isEqualTo("Backend 'ghost' is not available on any node.");
    }

    @Test
    void a_request_with_no_known_host_waits_for_a_node_that_joined_and_has_not_announced_yet() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            NodeDirectory joined = new NodeDirectory(new FixedMembership("self", "newcomer"));
            joined.heard(announce("self", false, Map.of(), Map.of("echo", "no plugin")));
            Future<NodeDirectory.Host> waiting = vertx.<Future<NodeDirectory.Host>>executeBlocking(
                    () -> joined.host(vertx, "echo", Set.of())).await(5, TimeUnit.SECONDS);
            assertThat(waiting.isComplete()).as("no host known yet, and the newcomer not heard from").isFalse();

            joined.heard(announce("newcomer", false, Map.of("echo", 0), Map.of()));

            assertThat(waiting.await(5, TimeUnit.SECONDS).nodeId()).isEqualTo("newcomer");
            directory.heard(announce("self", false, Map.of(), Map.of("echo", "no plugin")));
            assertThat(directory.host(vertx, "echo", Set.of()).isComplete())
                    .as("every node heard from: no host, at once").isTrue();
        } finally {
            vertx.close().await(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void the_least_loaded_host_is_chosen_counting_what_was_sent_it_since_it_announced() {
        directory.heard(announce("self", false, Map.of(), Map.of("echo", "no plugin")));
        directory.heard(announce("a", false, Map.of("echo", 3), Map.of()));
        directory.heard(announce("b", false, Map.of("echo", 1), Map.of()));

        List<String> chosen = choose(6);

        assertThat(chosen.subList(0, 2)).containsOnly("b");
        assertThat(chosen.subList(2, 6)).as("equal loads, taken in turn").containsExactlyInAnyOrder("a", "a", "b", "b");
    }

    @Test
    void an_announcement_replaces_what_was_counted_for_its_node() {
        directory.heard(announce("a", false, Map.of("echo", 0), Map.of()));
        directory.heard(announce("b", false, Map.of("echo", 0), Map.of()));
        choose(4);

        directory.heard(announce("a", false, Map.of("echo", 0), Map.of()));

        assertThat(choose(2)).containsOnly("a");
    }

    @Test
    void the_nodes_that_failed_a_request_are_avoided_while_another_hosts_the_backend() {
        directory.heard(announce("a", false, Map.of("echo", 0), Map.of()));
        directory.heard(announce("b", false, Map.of("echo", 5), Map.of()));

        assertThat(directory.choose("echo", Set.of("a")).nodeId()).isEqualTo("b");
        assertThat(directory.choose("echo", Set.of("a", "b")).nodeId()).as("every host failed: the least loaded").isEqualTo("a");
    }

    @Test
    void a_draining_node_is_chosen_for_nothing_and_a_dropped_one_ends_what_it_served() {
        directory.heard(announce("a", true, Map.of("echo", 0), Map.of()));
        directory.heard(announce("b", false, Map.of("echo", 9), Map.of()));
        assertThat(choose(3)).containsOnly("b");

        List<String> lost = new ArrayList<>();
        directory.watch("b", (node, why) -> lost.add(node + " " + why));
        directory.drop("b", "left the cluster");

        assertThat(lost).containsExactly("b left the cluster");
        assertThat(directory.openElsewhere()).isZero();
        assertThat(directory.choose("echo", Set.of())).isNull();
        assertThat(directory.nodes()).containsOnlyKeys("a");
    }

    private List<String> choose(int times) {
        return IntStream.range(0, times)
                .mapToObj(i -> directory.choose("echo", Set.of()).nodeId())
                .toList();
    }

    private static NodeAnnouncement announce(
            String node, boolean draining, Map<String, Integer> inFlight, Map<String, String> unavailable) {
        return new NodeAnnouncement(node, draining, inFlight, unavailable);
    }
}
