package dev.junction.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.cluster.ClusterSnapshot.NodeAnswer;
import dev.junction.gateway.cluster.NodeReport.Hosting;
import dev.junction.gateway.config.BackendConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cluster's {@code /health} body from what the nodes answered, and the models they list together. */
class ClusterHealthTest {

    private static final Instant STARTED = Instant.parse("2026-12-07T17:00:00Z");
    private static final BackendConfig CLAUDE = new BackendConfig("claude", "claude-code", List.of("claude-*"), new JsonObject());
    private static final BackendConfig ECHO = new BackendConfig("echo", "echo", List.of("echo"), new JsonObject());
    private static final String NOT_INSTALLED = "plugin 'claude-code' is not installed";

    private static Hosting runs(String circuit, String... models) {
        return new Hosting("claude-code", true, null, circuit, List.of(models));
    }

    private static Hosting cannotRun(String reason) {
        return new Hosting("claude-code", false, reason, "closed", List.of());
    }

    private static Hosting echo() {
        return new Hosting("echo", true, null, "closed", List.of());
    }

    private static NodeAnswer node(String id, Hosting claude) {
        Map<String, Hosting> backends = new LinkedHashMap<>();
        backends.put("claude", claude);
        backends.put("echo", echo());
        return NodeAnswer.of(new NodeReport(id, "127.0.0.1:80" + id.length(), STARTED, false, backends));
    }

    private static JsonObject health(NodeAnswer... nodes) {
        return ClusterHealth.of(List.of(CLAUDE, ECHO), new ClusterSnapshot(List.of(nodes)), id -> "circuit of " + id + " is open");
    }

    @Test
    void a_backend_run_by_one_node_only_is_available_and_names_that_node() {
        JsonObject health = health(node("n1", cannotRun(NOT_INSTALLED)), node("n2", runs("closed", "claude-sonnet")));

        assertThat(health.getString("status")).isEqualTo("ok");
        assertThat(health.getString("node")).isEqualTo("n1");
        JsonObject claude = health.getJsonObject("backends").getJsonObject("claude");
        assertThat(claude.getString("plugin")).isEqualTo("claude-code");
        assertThat(claude.getString("status")).isEqualTo("available");
        assertThat(claude.containsKey("reason")).isFalse();
        assertThat(claude.getJsonArray("nodes")).containsExactly("n2");
        assertThat(health.getJsonObject("backends").getJsonObject("echo").getJsonArray("nodes")).containsExactly("n1", "n2");

        JsonArray nodes = health.getJsonArray("nodes");
        assertThat(nodes).hasSize(2);
        JsonObject first = nodes.getJsonObject(0);
        assertThat(first.getString("id")).isEqualTo("n1");
        assertThat(first.getString("status")).isEqualTo("ok");
        assertThat(first.getString("upSince")).isEqualTo("2026-12-07T17:00:00Z");
        assertThat(first.getBoolean("draining")).isFalse();
        assertThat(first.getJsonObject("backends").getJsonObject("claude").getMap())
                .containsExactlyInAnyOrderEntriesOf(Map.of("status", "unavailable", "reason", NOT_INSTALLED, "circuit", "closed"));
        assertThat(nodes.getJsonObject(1).getJsonObject("backends").getJsonObject("claude").getMap())
                .containsExactlyInAnyOrderEntriesOf(Map.of("status", "available", "circuit", "closed"));
    }

    @Test
    void an_unreachable_node_is_listed_with_why_and_hosts_nothing() {
        JsonObject health = health(
                node("n1", cannotRun(NOT_INSTALLED)), NodeAnswer.unreachable("n2", "did not answer within 2000 ms"));

        JsonObject claude = health.getJsonObject("backends").getJsonObject("claude");
        assertThat(claude.getString("status")).isEqualTo("unavailable");
        assertThat(claude.getJsonArray("nodes")).isEmpty();
        assertThat(claude.getString("reason")).isEqualTo(NOT_INSTALLED + "; 1 node did not answer");
        JsonObject silent = health.getJsonArray("nodes").getJsonObject(1);
        assertThat(silent.getMap()).containsExactlyInAnyOrderEntriesOf(
                Map.of("id", "n2", "status", "unreachable", "reason", "did not answer within 2000 ms"));
    }

    @Test
    void reasons_that_differ_between_nodes_are_given_with_their_nodes() {
        JsonObject health = health(
                node("n1", cannotRun(NOT_INSTALLED)),
                node("n2", cannotRun("'claude' not found on PATH")),
                node("n3", cannotRun(NOT_INSTALLED)));

        assertThat(health.getJsonObject("backends").getJsonObject("claude").getString("reason"))
                .isEqualTo("on n1, n3: " + NOT_INSTALLED + "; on n2: 'claude' not found on PATH");
    }

    @Test
    void circuits_are_per_node_and_this_nodes_open_circuit_makes_the_backend_unavailable_here() {
        JsonObject openHere = health(node("n1", runs("open")), node("n2", runs("closed")));
        JsonObject claude = openHere.getJsonObject("backends").getJsonObject("claude");
        assertThat(claude.getString("status")).isEqualTo("unavailable");
        assertThat(claude.getString("circuit")).isEqualTo("open");
        assertThat(claude.getString("reason")).isEqualTo("circuit of claude is open");
        assertThat(claude.getJsonArray("nodes")).as("both still run it").containsExactly("n1", "n2");
        JsonArray nodes = openHere.getJsonArray("nodes");
        assertThat(nodes.getJsonObject(0).getJsonObject("backends").getJsonObject("claude").getString("circuit"))
                .isEqualTo("open");
        assertThat(nodes.getJsonObject(1).getJsonObject("backends").getJsonObject("claude").getString("circuit"))
                .isEqualTo("closed");

        JsonObject openThere = health(node("n1", runs("closed")), node("n2", runs("half_open")));
        assertThat(openThere.getJsonObject("backends").getJsonObject("claude").getString("status")).isEqualTo("available");
        assertThat(openThere.getJsonObject("backends").getJsonObject("claude").getString("circuit")).isEqualTo("closed");
    }

    @Test
    void models_are_the_union_of_what_the_nodes_running_the_backend_list() {
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(
                node("n1", runs("closed", "claude-sonnet", "claude-opus")),
                NodeAnswer.unreachable("n2", "did not answer"),
                node("n3", runs("closed", "claude-opus", "claude-haiku")),
                node("n4", cannotRun(NOT_INSTALLED))));

        assertThat(snapshot.models("claude")).containsExactly("claude-sonnet", "claude-opus", "claude-haiku");
        assertThat(snapshot.models("nobody")).isEmpty();
    }

    @Test
    void a_node_report_crosses_the_bus_as_json_unchanged() {
        NodeReport report = node("n1", runs("half_open", "claude-sonnet")).report();
        NodeReport draining = new NodeReport("n2", "[::1]:8080", STARTED, true, Map.of("claude", cannotRun(NOT_INSTALLED)));

        assertThat(NodeReport.fromJson(new JsonObject(report.toJson().encode()))).isEqualTo(report);
        assertThat(NodeReport.fromJson(new JsonObject(draining.toJson().encode()))).isEqualTo(draining);
    }
}
