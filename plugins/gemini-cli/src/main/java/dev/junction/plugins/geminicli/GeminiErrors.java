package dev.junction.plugins.geminicli;

import dev.junction.plugin.ChatEvent.Failed;
import dev.junction.plugin.ErrorKind;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Map;

/**
 * Classifies Gemini CLI failures: the error message of a {@code result} line, and the exit code of
 * a run that ended without one. Pure functions.
 *
 * <p>Messages look like {@code [API Error: {"error":{"code":401,"message":...,"status":...}}]} (the
 * upstream's error body), {@code [API Error: Resource has been exhausted (e.g. check quota).]},
 * {@code [API Error: exception TypeError: fetch failed sending request]} (upstream unreachable) or
 * {@code [API Error: terminated]} (connection dropped mid-stream). In stream-json mode an upstream
 * HTTP error also ends the process with the status truncated to 8 bits (401 gives 145).
 */
final class GeminiErrors {

    private static final int AUTH_MISCONFIGURED = 41;
    private static final int BAD_INPUT = 42;
    private static final int BAD_CONFIG = 52;
    private static final int UNTRUSTED_FOLDER = 55;
    private static final int STDERR_TAIL = 500;

    /** The HTTP statuses Gemini CLI exits with, by exit code ({@code status & 0xFF}). */
    private static final Map<Integer, Integer> HTTP_STATUS_BY_EXIT = Map.of(
            400 & 0xFF, 400, 401 & 0xFF, 401, 403 & 0xFF, 403, 404 & 0xFF, 404, 408 & 0xFF, 408,
            429 & 0xFF, 429, 500 & 0xFF, 500, 502 & 0xFF, 502, 503 & 0xFF, 503, 504 & 0xFF, 504);

    private GeminiErrors() {}

    /** The failure a {@code result} line (or an in-stream {@code error} event) reports. */
    static Failed fromMessage(String message) {
        if (message == null || message.isBlank()) {
            return Failed.of(ErrorKind.UPSTREAM, "Gemini CLI reported an error without a message");
        }
        String text = message.strip();
        JsonObject error = embeddedError(text);
        Object code = error == null ? null : error.getValue("code");
        Object detail = error == null ? null : error.getValue("message");
        String shown = code == null || detail == null ? "Gemini CLI: " + text : "Gemini API error " + code + ": " + detail;
        String lower = text.toLowerCase(Locale.ROOT);
        ErrorKind kind;
        if (lower.contains("api key not valid") || lower.contains("api_key_invalid")) {
            kind = ErrorKind.AUTHENTICATION;
        } else if (code instanceof Integer status) {
            kind = kindOfStatus(status);
        } else if (lower.contains("resource has been exhausted") || lower.contains("quota") || lower.contains("rate limit")) {
            kind = ErrorKind.RATE_LIMITED;
        } else if (lower.contains("fetch failed") || lower.contains("econnrefused") || lower.contains("enotfound")) {
            kind = ErrorKind.UNAVAILABLE;
        } else {
            kind = ErrorKind.UPSTREAM; // "terminated", "Model stream ended without a finish reason.", ...
        }
        return Failed.of(kind, shown);
    }

    /** The failure a run reports that exited without a {@code result} line. */
    static Failed fromExit(int exitCode, String stderr) {
        String tail = tail(stderr);
        return switch (exitCode) {
            case AUTH_MISCONFIGURED -> Failed.of(ErrorKind.AUTHENTICATION, "Gemini CLI auth misconfigured: " + tail);
            case BAD_INPUT -> Failed.of(ErrorKind.INVALID_REQUEST, "Gemini CLI rejected the input: " + tail);
            case BAD_CONFIG -> Failed.of(ErrorKind.UNAVAILABLE, "Gemini CLI configuration error: " + tail);
            case UNTRUSTED_FOLDER -> Failed.of(ErrorKind.UNAVAILABLE,
                    "Gemini CLI refused an untrusted folder (set options.skipTrust): " + tail);
            default -> {
                Integer status = HTTP_STATUS_BY_EXIT.get(exitCode);
                yield status == null
                        ? Failed.of(ErrorKind.UPSTREAM, "Gemini CLI exited with code " + exitCode + ": " + tail)
                        : Failed.of(kindOfStatus(status), "Gemini API error " + status + " (exit code " + exitCode + "): " + tail);
            }
        };
    }

    /** The kind of an upstream HTTP status. */
    static ErrorKind kindOfStatus(int status) {
        return switch (status) {
            case 400 -> ErrorKind.INVALID_REQUEST;
            case 401, 403 -> ErrorKind.AUTHENTICATION;
            case 404 -> ErrorKind.NOT_FOUND;
            case 408, 504 -> ErrorKind.TIMEOUT;
            case 429 -> ErrorKind.RATE_LIMITED;
            case 503 -> ErrorKind.OVERLOADED;
            default -> ErrorKind.UPSTREAM;
        };
    }

    /** The upstream's {@code error} object inside a message, or {@code null}. */
    private static JsonObject embeddedError(String message) {
        int start = message.indexOf('{');
        int end = message.lastIndexOf('}');
        if (start < 0 || end < start) {
            return null;
        }
        try {
            return new JsonObject(message.substring(start, end + 1)).getJsonObject("error");
        } catch (DecodeException | ClassCastException e) {
            return null;
        }
    }

    private static String tail(String stderr) {
        String text = stderr == null ? "" : stderr.strip();
        if (text.isEmpty()) {
            return "nothing on stderr";
        }
        return text.length() <= STDERR_TAIL ? text : "..." + text.substring(text.length() - STDERR_TAIL);
    }
}
