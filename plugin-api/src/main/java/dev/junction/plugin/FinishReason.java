package dev.junction.plugin;

/**
 * Why an answer ended.
 *
 * @since 1.0.0
 */
public enum FinishReason {
    /** The model finished its turn. */
    END_TURN,
    /** The answer reached the token limit. */
    MAX_TOKENS,
    /** The answer reached one of the request's stop sequences. */
    STOP_SEQUENCE,
    /** The model wants the client to run the tool calls it made. */
    TOOL_USE,
    /** The provider refused or filtered the answer (safety, content policy). */
    REFUSAL
}
