package dev.junction.plugin;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * Texts to embed.
 *
 * @param input the texts, one vector each, in order; never empty
 * @param dimensions the vector size asked for, or {@code null} for the model's own
 * @param user the end user's identifier, or {@code null}
 * @param extra request fields the gateway does not understand, for a same-dialect upstream
 *
 * @since 1.0.0
 */
public record EmbeddingRequest(String model, List<String> input, Integer dimensions, String user, JsonObject extra) {

    public EmbeddingRequest {
        Objects.requireNonNull(model, "model");
        input = List.copyOf(input);
        extra = extra == null ? new JsonObject() : extra;
    }

    /** The same request for another model name: what routing uses for {@code backend/model}. */
    public EmbeddingRequest withModel(String newModel) {
        return new EmbeddingRequest(newModel, input, dimensions, user, extra);
    }
}
