package dev.junction.gateway.cli;

import java.time.Duration;
import java.util.Collections;
import java.util.List;

/**
 * What a fake upstream answers to every model call: the text deltas, the pause before each delta
 * after the first, and the token usage it reports.
 */
public record StubReply(List<String> deltas, Duration delay, int inputTokens, int outputTokens) {

    /** The fixtures' answer: "Hello from stub" as three deltas, 12 input and 5 output tokens, no pause. */
    public static final StubReply HELLO = new StubReply(List.of("Hello", " from", " stub"), Duration.ZERO, 12, 5);

    public StubReply {
        deltas = List.copyOf(deltas);
        if (deltas.isEmpty()) {
            throw new IllegalArgumentException("at least one delta");
        }
    }

    /** {@code count} deltas {@code " tick"} with {@code delay} between them: a stream a client can abort. */
    public static StubReply slow(int count, Duration delay) {
        return new StubReply(Collections.nCopies(count, " tick"), delay, 12, count);
    }

    public String text() {
        return String.join("", deltas);
    }

    public int totalTokens() {
        return inputTokens + outputTokens;
    }
}
