package dev.junction.gateway.dialect;

import dev.junction.plugin.Embeddings;
import io.vertx.core.json.JsonObject;

/** An embeddings endpoint's wire format. Pure and thread-safe. */
public interface EmbeddingsDialect {

    /** The API family whose errors this endpoint uses. */
    ApiFamily family();

    /**
     * Decodes an embeddings request body.
     *
     * @throws InvalidRequestException when it is not a valid request
     */
    DecodedEmbeddingRequest decodeEmbeddings(JsonObject body);

    /** The answer to {@code request}. */
    JsonObject encodeEmbeddings(Embeddings embeddings, DecodedEmbeddingRequest request);
}
