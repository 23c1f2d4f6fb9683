package dev.junction.gateway.dialect;

import dev.junction.plugin.EmbeddingRequest;

/**
 * A decoded embeddings request with what the dialect needs to answer it.
 *
 * @param base64 whether the client asked for vectors as base64 of little-endian float32
 *     ({@code encoding_format: "base64"}) rather than arrays of numbers
 */
public record DecodedEmbeddingRequest(EmbeddingRequest request, boolean base64) {

    /** The same request sent on to another model name (routing's {@code backend/model}). */
    public DecodedEmbeddingRequest withModel(String model) {
        return new DecodedEmbeddingRequest(request.withModel(model), base64);
    }
}
