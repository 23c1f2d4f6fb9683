package dev.junction.gateway.cluster;

import dev.junction.gateway.cluster.ClusterSnapshot.NodeAnswer;
import dev.junction.gateway.config.BackendConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The body of {@code /health} from a {@link ClusterSnapshot} whose first node is the one asked.
 * Pure.
 *
 * <p>{@code backends}: each configured backend with its plugin, its status, this node's circuit
 * and {@code nodes}, the ids of the nodes that run it available. A backend is available when some
 * node runs it available and this node's circuit for it is not open (this node would then fail
 * fast); else its reason is the open circuit's, or what the nodes said (one reason when they
 * agree, each with its node otherwise). {@code nodes}: each live node with its address, start,
 * whether it drains, and each backend as it runs there with that node's circuit; or
 * {@code unreachable} with the reason.
 */
public final class ClusterHealth {

    private static final String OPEN = "open";

    private ClusterHealth() {}

    /**
     * @param backends this node's configured backends, in configuration order
     * @param openCircuit why this node's circuit for a backend (by id) is open
     */
    public static JsonObject of(List<BackendConfig> backends, ClusterSnapshot snapshot, Function<String, String> openCircuit) {
        NodeAnswer self = snapshot.nodes().get(0);
        JsonObject byId = new JsonObject();
        for (BackendConfig backend : backends) {
            byId.put(backend.id(), backend(backend, snapshot, self, openCircuit));
        }
        JsonArray nodes = new JsonArray();
        snapshot.nodes().forEach(node -> nodes.add(node(node)));
        return new JsonObject().put("status", "ok").put("node", self.id()).put("backends", byId).put("nodes", nodes);
    }

    private static JsonObject backend(
            BackendConfig backend, ClusterSnapshot snapshot, NodeAnswer self, Function<String, String> openCircuit) {
        List<String> hosts = snapshot.hosts(backend.id());
        String circuit = self.hosting(backend.id()).map(NodeReport.Hosting::circuit).orElse("closed");
        JsonObject state = new JsonObject()
                .put("plugin", backend.plugin())
                .put("status", !hosts.isEmpty() && !OPEN.equals(circuit) ? "available" : "unavailable")
                .put("circuit", circuit)
                .put("nodes", new JsonArray(new ArrayList<>(hosts)));
        if (hosts.isEmpty()) {
            return state.put("reason", reason(backend.id(), snapshot));
        }
        return OPEN.equals(circuit) ? state.put("reason", openCircuit.apply(backend.id())) : state;
    }

    /** Why no node runs {@code backendId} available: the nodes' reasons, and how many did not answer. */
    private static String reason(String backendId, ClusterSnapshot snapshot) {
        Map<String, List<String>> nodesByReason = new LinkedHashMap<>();
        long unreachable = 0;
        for (NodeAnswer node : snapshot.nodes()) {
            if (!node.reachable()) {
                unreachable++;
            }
            node.hosting(backendId).ifPresent(hosting -> nodesByReason
                    .computeIfAbsent(String.valueOf(hosting.reason()), reason -> new ArrayList<>())
                    .add(node.id()));
        }
        String reasons = nodesByReason.size() == 1
                ? nodesByReason.keySet().iterator().next()
                : nodesByReason.entrySet().stream()
                        .map(entry -> "on " + String.join(", ", entry.getValue()) + ": " + entry.getKey())
                        .collect(Collectors.joining("; "));
        if (unreachable == 0) {
            return reasons;
        }
        String silent = unreachable + (unreachable == 1 ? " node did not answer" : " nodes did not answer");
        return reasons.isEmpty() ? silent : reasons + "; " + silent;
    }

    private static JsonObject node(NodeAnswer node) {
        if (!node.reachable()) {
            return new JsonObject().put("id", node.id()).put("status", "unreachable").put("reason", node.failure());
        }
        NodeReport report = node.report();
        JsonObject backends = new JsonObject();
        report.backends().forEach((backendId, hosting) -> {
            JsonObject state = new JsonObject()
                    .put("status", hosting.available() ? "available" : "unavailable")
                    .put("circuit", hosting.circuit());
            backends.put(backendId, hosting.available() ? state : state.put("reason", hosting.reason()));
        });
        return new JsonObject()
                .put("id", report.id())
                .put("address", report.address())
                .put("upSince", report.upSince().toString())
                .put("status", "ok")
                .put("draining", report.draining())
                .put("backends", backends);
    }
}
