package dev.junction.plugins.codex;

import dev.junction.plugin.ErrorKind;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classifies a Codex turn error. Codex reports upstream failures as text (recorded examples:
 * {@code unexpected status 401 Unauthorized: ...}, {@code exceeded retry limit, last status: 429 Too
 * Many Requests}, {@code stream disconnected before completion: ...}, {@code Connection failed: error
 * sending request}); the app-server adds a {@code codexErrorInfo} code, used when the text says
 * nothing known. Pure and thread-safe.
 */
final class CodexErrors {

    private static final Pattern STATUS = Pattern.compile("\\bstatus:?\\s+(\\d{3})\\b");

    private CodexErrors() {}

    /**
     * The kind of a turn error.
     *
     * @param message the error's text
     * @param info the app-server's {@code codexErrorInfo}: a string code, an object such as
     *     {@code {"httpConnectionFailed": {"httpStatusCode": 502}}}, or {@code null}
     */
    static ErrorKind classify(String message, Object info) {
        String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (containsAny(text, "usage limit", "rate limit", "quota", "too many requests")) {
            return ErrorKind.RATE_LIMITED;
        }
        Matcher status = STATUS.matcher(text);
        if (status.find()) {
            return ofStatus(Integer.parseInt(status.group(1)));
        }
        if (containsAny(text, "unauthorized", "missing environment variable", "api key")) {
            return ErrorKind.AUTHENTICATION;
        }
        if (text.contains("overloaded")) {
            return ErrorKind.OVERLOADED;
        }
        if (text.contains("context window")) {
            return ErrorKind.INVALID_REQUEST;
        }
        if (containsAny(text, "stream disconnected", "high demand", "internal server error")) {
            return ErrorKind.UPSTREAM;
        }
        if (containsAny(text, "connection failed", "error sending request")) {
            return ErrorKind.UNAVAILABLE;
        }
        return ofInfo(info);
    }

    private static ErrorKind ofStatus(int status) {
        return switch (status) {
            case 401 -> ErrorKind.AUTHENTICATION;
            case 403 -> ErrorKind.PERMISSION;
            case 429 -> ErrorKind.RATE_LIMITED;
            default -> ErrorKind.UPSTREAM;
        };
    }

    private static ErrorKind ofInfo(Object info) {
        if (info instanceof String code) {
            return switch (code) {
                case "usageLimitExceeded", "rateLimitExceeded" -> ErrorKind.RATE_LIMITED;
                case "unauthorized" -> ErrorKind.AUTHENTICATION;
                case "serverOverloaded" -> ErrorKind.OVERLOADED;
                case "contextWindowExceeded", "badRequest" -> ErrorKind.INVALID_REQUEST;
                default -> ErrorKind.UPSTREAM;
            };
        }
        if (info instanceof JsonObject details && details.size() == 1) {
            Object variant = details.getValue(details.fieldNames().iterator().next());
            if (variant instanceof JsonObject fields && fields.getValue("httpStatusCode") instanceof Number status) {
                return ofStatus(status.intValue());
            }
        }
        return ErrorKind.UPSTREAM;
    }

    private static boolean containsAny(String text, String... needles) {
        for (String needle : needles) {
            if (text.contains(needle)) {
                return true;
            }
        }
        return false;
    }
}
