package dev.junction.plugins.anthropic;

import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.FinishReason;

/** The Messages API's error types and stop reasons in canonical terms. Pure. */
final class AnthropicCodes {

    private AnthropicCodes() {}

    /**
     * The kind of an {@code error.type}. A refused key or permission is the gateway's credentials
     * refused ({@link ErrorKind#AUTHENTICATION}, a 502 to the client), as is an account without
     * credit; unknown types are {@link ErrorKind#UPSTREAM}.
     */
    static ErrorKind errorKind(String type) {
        if (type == null) {
            return ErrorKind.UPSTREAM;
        }
        return switch (type) {
            case "invalid_request_error", "request_too_large" -> ErrorKind.INVALID_REQUEST;
            case "authentication_error", "permission_error", "billing_error" -> ErrorKind.AUTHENTICATION;
            case "not_found_error" -> ErrorKind.NOT_FOUND;
            case "rate_limit_error" -> ErrorKind.RATE_LIMITED;
            case "overloaded_error" -> ErrorKind.OVERLOADED;
            case "timeout_error" -> ErrorKind.TIMEOUT;
            default -> ErrorKind.UPSTREAM;
        };
    }

    /**
     * The reason of a {@code stop_reason}. {@code pause_turn} (a server tool's long turn paused; the
     * client may send it back to go on) ends the turn; {@code model_context_window_exceeded} is a
     * token limit; a missing or unknown reason ends the turn.
     */
    static FinishReason finishReason(String stopReason) {
        if (stopReason == null) {
            return FinishReason.END_TURN;
        }
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> FinishReason.MAX_TOKENS;
            case "stop_sequence" -> FinishReason.STOP_SEQUENCE;
            case "tool_use" -> FinishReason.TOOL_USE;
            case "refusal" -> FinishReason.REFUSAL;
            default -> FinishReason.END_TURN;
        };
    }
}
