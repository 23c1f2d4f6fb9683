package dev.junction.gateway.bus;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a node tells the cluster of itself, every second and at once on a change
 * ({@link Addresses#nodes}): whether it is draining (stopping: choose it for nothing new), the
 * backends it hosts and that are available there, each with the answers it has in flight, and why
 * the others it was configured with are not.
 *
 * @param inFlight the available backends hosted on the node, by id: their answers in flight
 * @param unavailable the configured backends the node does not serve, by id: why
 */
public record NodeAnnouncement(
        String nodeId, boolean draining, Map<String, Integer> inFlight, Map<String, String> unavailable) {

    public NodeAnnouncement {
        inFlight = Map.copyOf(inFlight);
        unavailable = Map.copyOf(unavailable);
    }

    /** The wire form: plain JSON, published to every node. */
    public JsonObject encode() {
        return new JsonObject()
                .put("node", nodeId)
                .put("draining", draining)
                .put("inFlight", new JsonObject(new TreeMap<>(inFlight)))
                .put("unavailable", new JsonObject(new TreeMap<>(unavailable)));
    }

    /** @throws RuntimeException when {@code json} is not the wire form of an announcement */
    public static NodeAnnouncement decode(JsonObject json) {
        Map<String, Integer> inFlight = new TreeMap<>();
        json.getJsonObject("inFlight").forEach(entry -> inFlight.put(entry.getKey(), ((Number) entry.getValue()).intValue()));
        Map<String, String> unavailable = new TreeMap<>();
        json.getJsonObject("unavailable").forEach(entry -> unavailable.put(entry.getKey(), (String) entry.getValue()));
        return new NodeAnnouncement(json.getString("node"), json.getBoolean("draining"), inFlight, unavailable);
    }
}
