package dev.junction.plugin;

import io.vertx.core.buffer.Buffer;
import java.util.Objects;

/**
 * One event of a backend's answer. This is the one place the grammar of an answer is defined; the
 * gateway checks it, and the contract test kit holds every plugin to it:
 *
 * <pre>
 * MessageStart (BlockStart (TextDelta | ToolArgumentsDelta | ThinkingDelta)* BlockStop | Usage)* (Finish | Failed)
 * </pre>
 *
 * <ul>
 *   <li>{@link MessageStart} comes first, once. A stream may instead fail at once: {@link Failed}
 *       alone is a whole answer.
 *   <li>Blocks are numbered from 0 in the order they start and do not interleave: a delta carries
 *       the index of the block that is open, and its kind matches the block's ({@link TextDelta} in
 *       a text block, {@link ToolArgumentsDelta} in a tool call, {@link ThinkingDelta} in a thinking
 *       or redacted-thinking block).
 *   <li>{@link Usage} may come any number of times outside blocks; the last one counts.
 *   <li>Exactly one {@link Finish} or {@link Failed} ends the stream, also after a failure inside a
 *       block (the block is then left open). Nothing follows it.
 *   <li>Once the client has gone ({@link ChatSink#onCancel}), the backend stops within a second;
 *       what it emits after that is dropped.
 *   <li>Every failure carries an {@link ErrorKind}, from which each client dialect picks its
 *       status and error type.
 * </ul>
 *
 * <p>A {@link Relay}'s answer keeps a grammar of its own: {@code (Relayed | Usage)* (Finish | Failed)},
 * without {@code MessageStart} or blocks (since 1.1.0).
 *
 * @since 1.0.0
 */
public sealed interface ChatEvent {

    /** Whether this event ends the stream. */
    default boolean terminal() {
        return false;
    }

    /** The answer begins. {@code id} may be {@code null}: the gateway then makes one. */
    record MessageStart(String id, String model) implements ChatEvent {}

    /** The kind of content a block holds. */
    enum BlockKind {
        TEXT,
        TOOL_CALL,
        THINKING,
        /** Reasoning the provider encrypted; its one {@link ThinkingDelta} carries the data as signature. */
        REDACTED_THINKING
    }

    /**
     * A content block begins. For {@link BlockKind#TOOL_CALL} blocks {@code toolCallId} and
     * {@code toolName} are set; for other kinds they are {@code null}.
     */
    record BlockStart(int index, BlockKind kind, String toolCallId, String toolName) implements ChatEvent {
        public BlockStart {
            Objects.requireNonNull(kind, "kind");
            if ((kind == BlockKind.TOOL_CALL) != (toolCallId != null && toolName != null)) {
                throw new IllegalArgumentException("a tool call block, and only it, has an id and a name");
            }
        }

        public static BlockStart text(int index) {
            return new BlockStart(index, BlockKind.TEXT, null, null);
        }

        public static BlockStart thinking(int index) {
            return new BlockStart(index, BlockKind.THINKING, null, null);
        }

        public static BlockStart toolCall(int index, String id, String name) {
            return new BlockStart(index, BlockKind.TOOL_CALL, id, name);
        }
    }

    /** The block at {@code index} is complete. */
    record BlockStop(int index) implements ChatEvent {}

    /** More text of a text block. */
    record TextDelta(int index, String text) implements ChatEvent {}

    /** More of a tool call's JSON arguments; the pieces concatenate to the whole. */
    record ToolArgumentsDelta(int index, String json) implements ChatEvent {}

    /**
     * More reasoning text, or the block's signature; either may be {@code null}. In a
     * {@link BlockKind#REDACTED_THINKING} block, {@code signature} is the encrypted data.
     */
    record ThinkingDelta(int index, String text, String signature) implements ChatEvent {}

    /**
     * Token counts so far; the last one sent is the answer's total.
     *
     * @param outputTokens output tokens, reasoning tokens included (as OpenAI counts them)
     * @param cacheReadTokens input tokens read from a prompt cache (included in none of the others)
     * @param cacheWriteTokens input tokens written to a prompt cache (included in none of the others)
     * @param reasoningTokens the part of {@code outputTokens} the model spent reasoning; 0 when the
     *     backend does not report it
     */
    record Usage(
            int inputTokens, int outputTokens, int cacheReadTokens, int cacheWriteTokens, int reasoningTokens)
            implements ChatEvent {
        /** Counts without prompt caching or reasoning. */
        public static Usage of(int inputTokens, int outputTokens) {
            return new Usage(inputTokens, outputTokens, 0, 0, 0);
        }
    }

    /**
     * The answer is complete.
     *
     * @param stopSequence the stop sequence that ended it, when {@code reason} is
     *     {@link FinishReason#STOP_SEQUENCE}; else {@code null}
     */
    record Finish(FinishReason reason, String stopSequence) implements ChatEvent {
        public Finish {
            Objects.requireNonNull(reason, "reason");
        }

        public static Finish of(FinishReason reason) {
            return new Finish(reason, null);
        }

        @Override
        public boolean terminal() {
            return true;
        }
    }

    /**
     * The answer failed. Front ends turn {@code kind} into a status and an error type of their
     * dialect; {@code message} is shown to the client, so it must not leak secrets.
     *
     * @param retryAfterSeconds when to try again, for {@link ErrorKind#RATE_LIMITED} and
     *     {@link ErrorKind#OVERLOADED}; else {@code null}
     */
    record Failed(ErrorKind kind, String message, Integer retryAfterSeconds) implements ChatEvent {
        public Failed {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
        }

        public static Failed of(ErrorKind kind, String message) {
            return new Failed(kind, message, null);
        }

        @Override
        public boolean terminal() {
            return true;
        }
    }

    /**
     * Bytes of the upstream's answer, exactly as they came, already in the client's own wire format:
     * a {@link Relay} emits them, and the gateway writes them to the client untouched. Only a relay
     * emits this event; {@link Backend#chat} never does. The buffer must not change after it is
     * emitted.
     *
     * @since 1.1.0
     */
    record Relayed(Buffer bytes) implements ChatEvent {
        public Relayed {
            Objects.requireNonNull(bytes, "bytes");
        }
    }
}
