package dev.junction.gateway.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a node tells the cluster of itself, every second and at once on a change
 * ({@link Addresses#nodes}): whether it is draining (stopping: choose it for nothing new), the
 * backends it hosts and that are available there, each with the answers it has in flight, and why
 * the others it was configured with are not.
 *
 * @param inFlight the available backends hosted on the node, by id: their answers in flight
 * @param unavailable the configured backends the node does not serve, by id: why
 * @param relays the hosted backends that relay client dialects ({@code dev.junction.plugin.Relay}),
 *     by id: those dialects; a node that says nothing of it relays nothing
 */
public record NodeAnnouncement(
        String nodeId,
        boolean draining,
        Map<String, Integer> inFlight,
        Map<String, String> unavailable,
        Map<String, Set<String>> relays) {

    public NodeAnnouncement {
        inFlight = Map.copyOf(inFlight);
        unavailable = Map.copyOf(unavailable);
        relays = Map.copyOf(relays);
    }

    /** An announcement of backends that relay nothing. */
    public NodeAnnouncement(String nodeId, boolean draining, Map<String, Integer> inFlight, Map<String, String> unavailable) {
        this(nodeId, draining, inFlight, unavailable, Map.of());
    }

    /** The wire form: plain JSON, published to every node. */
    public JsonObject encode() {
        return new JsonObject()
                .put("node", nodeId)
                .put("draining", draining)
                .put("inFlight", new JsonObject(new TreeMap<>(inFlight)))
                .put("unavailable", new JsonObject(new TreeMap<>(unavailable)))
                .put("relays", relaysJson());
    }

    private JsonObject relaysJson() {
        JsonObject json = new JsonObject();
        new TreeMap<>(relays).forEach((id, dialects) -> json.put(id, new JsonArray(dialects.stream().sorted().toList())));
        return json;
    }

    /** @throws RuntimeException when {@code json} is not the wire form of an announcement */
    public static NodeAnnouncement decode(JsonObject json) {
        Map<String, Integer> inFlight = new TreeMap<>();
        json.getJsonObject("inFlight").forEach(entry -> inFlight.put(entry.getKey(), ((Number) entry.getValue()).intValue()));
        Map<String, String> unavailable = new TreeMap<>();
        json.getJsonObject("unavailable").forEach(entry -> unavailable.put(entry.getKey(), (String) entry.getValue()));
        Map<String, Set<String>> relays = new TreeMap<>();
        json.getJsonObject("relays", new JsonObject()).forEach(entry -> relays.put(
                entry.getKey(), Set.copyOf(((JsonArray) entry.getValue()).stream().map(String.class::cast).toList())));
        return new NodeAnnouncement(json.getString("node"), json.getBoolean("draining"), inFlight, unavailable, relays);
    }
}
