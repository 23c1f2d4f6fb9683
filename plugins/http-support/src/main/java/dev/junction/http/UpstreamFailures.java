package dev.junction.http;

import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.time.Instant;

/**
 * Classifies an upstream's non-2xx answer once, for every HTTP provider: the kind decides the
 * status the caller sees; the message is the upstream's own ({@code error.message} of the OpenAI,
 * Anthropic and Gemini shapes, else the start of the body, else the status text), prefixed with the
 * backend's name where the failure is the gateway's rather than the caller's.
 *
 * <p>Pure and thread-safe.
 */
public final class UpstreamFailures {

    private UpstreamFailures() {}

    /**
     * The terminal event for an upstream's non-2xx answer.
     *
     * @param backendId the backend's id, named in the messages of failures that are the gateway's
     * @param status the upstream's HTTP status
     * @param headers the upstream's response headers (Retry-After and rate-limit headers)
     * @param body the upstream's response body, possibly empty
     */
    public static ChatEvent.Failed classify(String backendId, int status, MultiMap headers, Buffer body) {
        return classify(backendId, status, headers, body, Instant.now());
    }

    static ChatEvent.Failed classify(String backendId, int status, MultiMap headers, Buffer body, Instant now) {
        String message = UpstreamMessage.of(status, body);
        String prefix = "backend '" + backendId + "': ";
        return switch (status) {
            case 400, 409, 413, 422 -> ChatEvent.Failed.of(ErrorKind.INVALID_REQUEST, message);
            case 401, 403 -> ChatEvent.Failed.of(
                    ErrorKind.AUTHENTICATION,
                    prefix + "the upstream refused the gateway's credentials (" + status + "): " + message);
            case 404 -> ChatEvent.Failed.of(ErrorKind.NOT_FOUND, message);
            case 408, 504 -> ChatEvent.Failed.of(
                    ErrorKind.TIMEOUT, prefix + "the upstream timed out (" + status + "): " + message);
            case 429 -> new ChatEvent.Failed(
                    ErrorKind.RATE_LIMITED,
                    prefix + "the upstream's rate limit was reached (429): " + message,
                    RetryAfter.seconds(headers, body, now).orElse(1));
            case 503, 529 -> new ChatEvent.Failed(
                    ErrorKind.OVERLOADED,
                    prefix + "the upstream is overloaded (" + status + "): " + message,
                    RetryAfter.seconds(headers, body, now).orElse(null));
            default -> ChatEvent.Failed.of(
                    ErrorKind.UPSTREAM,
                    status >= 500
                            ? prefix + "the upstream failed (" + status + "): " + message
                            : prefix + "the upstream answered " + status + ": " + message);
        };
    }
}
