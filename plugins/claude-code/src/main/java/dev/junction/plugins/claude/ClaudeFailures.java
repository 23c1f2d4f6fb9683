package dev.junction.plugins.claude;

import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import java.util.Locale;

/**
 * Classifies how a Claude Code run failed. Pure functions: Claude Code prints every upstream error
 * as a {@code result} line with {@code is_error: true}, the HTTP status in {@code api_error_status}
 * (or {@code null} for connection failures and its own errors) and a message in {@code result}.
 */
final class ClaudeFailures {

    private ClaudeFailures() {}

    /**
     * The failure a {@code result} line reports.
     *
     * @param subtype {@code result.subtype}: {@code success} (sic, also for API errors), {@code error_*}
     * @param apiErrorStatus {@code result.api_error_status}, or {@code null}
     * @param text {@code result.result}, or {@code null} (absent for {@code error_max_turns})
     */
    static ChatEvent.Failed ofResult(String subtype, Integer apiErrorStatus, String text) {
        if ("error_max_turns".equals(subtype)) {
            return ChatEvent.Failed.of(
                    ErrorKind.UPSTREAM, "Claude Code reached max turns before it answered" + suffix(text));
        }
        String message = text == null || text.isBlank() ? "failed (" + subtype + ")" : text.strip();
        return ChatEvent.Failed.of(kind(apiErrorStatus, text), "Claude Code: " + message);
    }

    /**
     * The failure of a run that ended without a {@code result} line.
     *
     * @param unreadLines how many stdout lines were not JSON
     */
    static ChatEvent.Failed ofExit(int exitCode, String stderrTail, int unreadLines) {
        String unread = switch (unreadLines) {
            case 0 -> "";
            case 1 -> " (1 output line was not JSON)";
            default -> " (" + unreadLines + " output lines were not JSON)";
        };
        return ChatEvent.Failed.of(
                ErrorKind.UPSTREAM,
                "Claude Code exited with code " + exitCode + " before its result" + unread + suffix(stderrTail));
    }

    /** The kind of an error: the HTTP status when there is one, else what the message says. */
    static ErrorKind kind(Integer apiErrorStatus, String text) {
        if (apiErrorStatus != null) {
            return switch (apiErrorStatus) {
                case 400, 413 -> ErrorKind.INVALID_REQUEST;
                case 401, 403 -> ErrorKind.AUTHENTICATION;
                case 404 -> ErrorKind.NOT_FOUND;
                case 429 -> ErrorKind.RATE_LIMITED;
                case 529 -> ErrorKind.OVERLOADED;
                default -> ErrorKind.UPSTREAM;
            };
        }
        String lower = text == null ? "" : text.toLowerCase(Locale.ROOT);
        if (lower.contains("usage limit") || lower.contains("limit reached")) {
            return ErrorKind.RATE_LIMITED;
        } else if (lower.contains("unable to connect")) {
            return ErrorKind.UNAVAILABLE;
        } else if (lower.contains("not logged in") || lower.contains("invalid api key")) {
            return ErrorKind.AUTHENTICATION;
        } else if (lower.contains("overloaded")) {
            return ErrorKind.OVERLOADED;
        }
        return ErrorKind.UPSTREAM;
    }

    private static String suffix(String text) {
        return text == null || text.isBlank() ? "" : ": " + text.strip();
    }
}
