package dev.junction.plugins.openai;

import dev.junction.plugin.BackendException;
import dev.junction.plugin.EmbeddingRequest;
import dev.junction.plugin.Embeddings;
import dev.junction.plugin.ErrorKind;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Encodes an {@link EmbeddingRequest} as a {@code POST /embeddings} body and reads the answer,
 * whose vectors are arrays of numbers or, with {@code encoding_format: base64}, base64 of
 * little-endian float32s. Pure.
 */
final class EmbeddingsCodec {

    private EmbeddingsCodec() {}

    /** {@code model}, {@code input}, {@code dimensions}, {@code user}, then the request's extra fields. */
    static JsonObject body(EmbeddingRequest request, OpenAiSettings settings) {
        JsonObject body = new JsonObject()
                .put("model", settings.http().upstreamModel(request.model()))
                .put("input", new JsonArray(new ArrayList<>(request.input())));
        if (request.dimensions() != null) {
            body.put("dimensions", request.dimensions());
        }
        if (request.user() != null) {
            body.put("user", request.user());
        }
        request.extra().forEach(field -> {
            if (!body.containsKey(field.getKey())) {
                body.put(field.getKey(), field.getValue());
            }
        });
        return body.copy();
    }

    /**
     * The vectors of an answer, ordered by their {@code index}.
     *
     * @throws BackendException with {@link ErrorKind#UPSTREAM} when the answer is not an embeddings
     *     list for every input
     */
    static Embeddings decode(JsonObject answer, EmbeddingRequest request, String backendId) {
        if (!(answer.getValue("data") instanceof JsonArray data) || data.size() != request.input().size()) {
            throw unreadable(backendId, "expected " + request.input().size() + " embeddings in 'data'");
        }
        List<List<Double>> vectors = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            vectors.add(null);
        }
        for (int i = 0; i < data.size(); i++) {
            if (!(data.getValue(i) instanceof JsonObject item)) {
                throw unreadable(backendId, "data[" + i + "] is not an object");
            }
            int index = item.getValue("index") instanceof Number n ? n.intValue() : i;
            if (index < 0 || index >= vectors.size() || vectors.get(index) != null) {
                throw unreadable(backendId, "data[" + i + "] has a bad index " + index);
            }
            vectors.set(index, vector(item.getValue("embedding"), i, backendId));
        }
        String model = answer.getValue("model") instanceof String name && !name.isEmpty() ? name : request.model();
        int tokens = answer.getValue("usage") instanceof JsonObject usage
                        && usage.getValue("prompt_tokens") instanceof Number n
                ? n.intValue()
                : 0;
        return new Embeddings(model, vectors, tokens);
    }

    private static List<Double> vector(Object embedding, int i, String backendId) {
        if (embedding instanceof JsonArray numbers) {
            List<Double> vector = new ArrayList<>(numbers.size());
            for (Object number : numbers) {
                if (!(number instanceof Number n)) {
                    throw unreadable(backendId, "data[" + i + "].embedding holds a non-number");
                }
                vector.add(n.doubleValue());
            }
            return vector;
        }
        if (embedding instanceof String base64) {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(base64);
            } catch (IllegalArgumentException e) {
                throw unreadable(backendId, "data[" + i + "].embedding is not base64");
            }
            if (bytes.length % Float.BYTES != 0) {
                throw unreadable(backendId, "data[" + i + "].embedding is not a whole number of float32s");
            }
            ByteBuffer floats = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            List<Double> vector = new ArrayList<>(bytes.length / Float.BYTES);
            while (floats.hasRemaining()) {
                vector.add((double) floats.getFloat());
            }
            return vector;
        }
        throw unreadable(backendId, "data[" + i + "].embedding is neither numbers nor base64");
    }

    private static BackendException unreadable(String backendId, String problem) {
        return new BackendException(
                ErrorKind.UPSTREAM, "backend '" + backendId + "': the upstream's embeddings answer is unreadable: " + problem);
    }
}
