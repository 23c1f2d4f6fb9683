package dev.junction.gateway.bus;

import dev.junction.plugin.EmbeddingRequest;
import dev.junction.plugin.Embeddings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The wire forms of an {@link EmbeddingRequest} and its {@link Embeddings} on the event bus: plain
 * JSON, vectors as arrays of numbers (a double survives JSON text unchanged). Each decode inverts
 * its encode exactly.
 */
public final class EmbeddingWire {

    private EmbeddingWire() {}

    public static JsonObject encodeRequest(EmbeddingRequest request) {
        return Json.compact(new JsonObject()
                .put("model", request.model())
                .put("input", new JsonArray(new ArrayList<>(request.input())))
                .put("dimensions", request.dimensions())
                .put("user", request.user())
                .put("extra", request.extra()));
    }

    public static EmbeddingRequest decodeRequest(JsonObject json) {
        List<String> input = new ArrayList<>();
        json.getJsonArray("input").forEach(text -> input.add((String) text));
        return new EmbeddingRequest(
                json.getString("model"),
                input,
                json.getInteger("dimensions"),
                json.getString("user"),
                json.getJsonObject("extra"));
    }

    public static JsonObject encode(Embeddings embeddings) {
        JsonArray vectors = new JsonArray();
        embeddings.vectors().forEach(vector -> vectors.add(new JsonArray(new ArrayList<>(vector))));
        return Json.compact(new JsonObject()
                .put("model", embeddings.model())
                .put("vectors", vectors)
                .put("inputTokens", embeddings.inputTokens()));
    }

    public static Embeddings decode(JsonObject json) {
        List<List<Double>> vectors = new ArrayList<>();
        for (Object item : json.getJsonArray("vectors")) {
            JsonArray array = (JsonArray) item;
            List<Double> vector = new ArrayList<>(array.size());
            array.forEach(value -> vector.add(((Number) value).doubleValue()));
            vectors.add(vector);
        }
        return new Embeddings(json.getString("model"), vectors, json.getInteger("inputTokens"));
    }
}
