package dev.junction.gateway.dialect;

/**
 * An error answered to a client: the HTTP status and what to say. Each {@link ApiFamily} renders it
 * in its own shape ({@link ApiFamily#errorBody}).
 *
 * @param param the offending request field, or {@code null}
 * @param retryAfterSeconds the {@code Retry-After} to send, or {@code null}
 */
public record ApiError(int status, String message, String param, Integer retryAfterSeconds) {

    public static ApiError of(int status, String message) {
        return new ApiError(status, message, null, null);
    }

    public static ApiError invalidRequest(String message, String param) {
        return new ApiError(400, message, param, null);
    }
}
