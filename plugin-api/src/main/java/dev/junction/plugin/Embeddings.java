package dev.junction.plugin;

import java.util.List;

/**
 * The vectors of an {@link EmbeddingRequest}, one per input text, in order.
 *
 * @param model the model that made them
 * @param inputTokens the tokens the inputs cost
 *
 * @since 1.0.0
 */
public record Embeddings(String model, List<List<Double>> vectors, int inputTokens) {

    public Embeddings {
        vectors = vectors.stream().map(List::copyOf).toList();
    }
}
