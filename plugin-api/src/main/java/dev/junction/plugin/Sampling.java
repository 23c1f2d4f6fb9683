package dev.junction.plugin;

import java.util.List;

/**
 * Sampling parameters. A {@code null} field means the client did not set it and the backend's
 * default applies.
 *
 * @param maxTokens the most tokens the answer may have
 * @param stop sequences that end the answer; empty when none
 *
 * @since 1.0.0
 */
public record Sampling(
        Double temperature, Double topP, Integer topK, Integer maxTokens, List<String> stop, Long seed) {

    /** No parameter set. */
    public static final Sampling NONE = new Sampling(null, null, null, null, List.of(), null);

    public Sampling {
        stop = stop == null ? List.of() : List.copyOf(stop);
    }
}
