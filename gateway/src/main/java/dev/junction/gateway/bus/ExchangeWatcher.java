package dev.junction.gateway.bus;

import dev.junction.gateway.bus.NodeDirectory.Watched;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exchanges and calls this node has open with other nodes, by node, so that the loss of a node
 * ends them at once rather than at their idle timeout: on the front end, what the node serves for
 * this one; on the backend side, what this node serves for it. One per node, held by its
 * {@link NodeDirectory}, which tells it of each node it drops (left the cluster, silent too long).
 * At each of the directory's ticks (twice a second), a watched node silent for
 * {@link #PROBE_AFTER_MS} (it announces itself every second) is probed; one that does not answer
 * within {@link #PROBE_TIMEOUT_MS} is dropped. So a node that died or hangs is noticed within 3.5 s,
 * whether or not the cluster manager noticed it. What this node serves for itself is not watched.
 * Thread-safe.
 */
final class ExchangeWatcher {

    /** How long a watched node may stay silent before it is probed. */
    static final long PROBE_AFTER_MS = 1_500;

    /** How long a probed node has to answer. */
    static final long PROBE_TIMEOUT_MS = 1_500;

    private final NodeDirectory directory;
    private final Map<String, Set<Watched>> byNode = new ConcurrentHashMap<>();
    private final Set<String> probing = ConcurrentHashMap.newKeySet();

    ExchangeWatcher(NodeDirectory directory) {
        this.directory = directory;
    }

    /** Watches {@code watched}, open with {@code nodeId}, until {@link #unwatch}. */
    void watch(String nodeId, Watched watched) {
        byNode.compute(nodeId, (node, open) -> {
            Set<Watched> set = open == null ? ConcurrentHashMap.newKeySet() : open;
            set.add(watched);
            return set;
        });
    }

    void unwatch(String nodeId, Watched watched) {
        byNode.computeIfPresent(nodeId, (node, open) -> {
            open.remove(watched);
            return open.isEmpty() ? null : open;
        });
    }

    /** The failure of what a lost node served. */
    static ChatEvent.Failed cutOff(String backendId, String nodeId, String why) {
        return ChatEvent.Failed.of(ErrorKind.UNAVAILABLE, "Backend '" + backendId + "' was cut off: node " + nodeId + " " + why + ".");
    }

    /** How many exchanges and calls are watched. */
    int watched() {
        return byNode.values().stream().mapToInt(Set::size).sum();
    }

    /** {@code nodeId} is gone: ends everything it served for this node. */
    void lost(String nodeId, String why) {
        Set<Watched> open = byNode.remove(nodeId);
        if (open != null) {
            open.forEach(watched -> watched.lost(nodeId, why));
        }
    }

    /** Probes each serving node that has been silent for a while, one probe per node at a time. */
    void probe(Vertx vertx) {
        for (String node : byNode.keySet()) {
            if (directory.silentMillis(node) > PROBE_AFTER_MS && probing.add(node)) {
                vertx.eventBus()
                        .request(Addresses.nodePing(node), new JsonObject(), new DeliveryOptions().setSendTimeout(PROBE_TIMEOUT_MS))
                        .onComplete(answer -> {
                            probing.remove(node);
                            if (answer.succeeded()) {
                                directory.alive(node);
                            } else {
                                directory.drop(node, "did not answer a probe within " + PROBE_TIMEOUT_MS + " ms");
                            }
                        });
            }
        }
    }
}
