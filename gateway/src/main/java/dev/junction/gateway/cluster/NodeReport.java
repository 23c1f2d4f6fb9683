package dev.junction.gateway.cluster;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one node says of itself, on the event bus as JSON ({@link #toJson}, {@link #fromJson}).
 *
 * @param id the node's id ({@link Membership#nodeId})
 * @param address the host and port its HTTP server listens on
 * @param upSince when its gateway started
 * @param draining whether it is shutting down (it takes no new requests)
 * @param backends each configured backend as this node sees it, in configuration order
 */
public record NodeReport(String id, String address, Instant upSince, boolean draining, Map<String, Hosting> backends) {

    /**
     * A configured backend on one node.
     *
     * @param plugin the backend's plugin id
     * @param available whether this node runs it and it says it can serve
     * @param reason why not, when not available; else null
     * @param circuit this node's circuit breaker for the backend: {@code closed}, {@code open} or
     *     {@code half_open}
     * @param models the models the backend lists on this node (none when it does not run here)
     */
    public record Hosting(String plugin, boolean available, String reason, String circuit, List<String> models) {

        public Hosting {
            models = List.copyOf(models);
        }
    }

    public NodeReport {
        backends = Collections.unmodifiableMap(new LinkedHashMap<>(backends));
    }

    public JsonObject toJson() {
        JsonObject byId = new JsonObject();
        backends.forEach((backendId, hosting) -> byId.put(backendId, new JsonObject()
                .put("plugin", hosting.plugin())
                .put("available", hosting.available())
                .put("reason", hosting.reason())
                .put("circuit", hosting.circuit())
                .put("models", new JsonArray(new ArrayList<>(hosting.models())))));
        return new JsonObject()
                .put("id", id)
                .put("address", address)
                .put("upSince", upSince.toString())
                .put("draining", draining)
                .put("backends", byId);
    }

    /**
     * The report {@link #toJson} wrote.
     *
     * @throws IllegalArgumentException when {@code json} is not one (a field missing or of another type)
     */
    public static NodeReport fromJson(JsonObject json) {
        try {
            Map<String, Hosting> backends = new LinkedHashMap<>();
            JsonObject byId = json.getJsonObject("backends");
            for (String backendId : byId.fieldNames()) {
                JsonObject hosting = byId.getJsonObject(backendId);
                List<String> models = new ArrayList<>();
                hosting.getJsonArray("models").forEach(model -> models.add((String) model));
                backends.put(backendId, new Hosting(
                        hosting.getString("plugin"),
                        hosting.getBoolean("available"),
                        hosting.getString("reason"),
                        hosting.getString("circuit"),
                        models));
            }
            return new NodeReport(
                    json.getString("id"),
                    json.getString("address"),
                    Instant.parse(json.getString("upSince")),
                    json.getBoolean("draining"),
                    backends);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a node report: " + e.getMessage(), e);
        }
    }
}
