package dev.junction.plugin;

/**
 * What went wrong, independent of any dialect. Each front end maps a kind to a status and an
 * error type in one place; a plugin only chooses the kind.
 *
 * @since 1.0.0
 */
public enum ErrorKind {
    /** The request cannot be served as sent (HTTP 400). */
    INVALID_REQUEST,
    /** The gateway's credentials for an upstream were refused (HTTP 502 to the client). */
    AUTHENTICATION,
    /** The upstream denied the request (HTTP 403). */
    PERMISSION,
    /** The model or resource does not exist (HTTP 404). */
    NOT_FOUND,
    /** A rate limit or usage limit was reached (HTTP 429 with Retry-After). */
    RATE_LIMITED,
    /** The backend is overloaded (HTTP 529 for Anthropic callers, 503 for OpenAI callers). */
    OVERLOADED,
    /** The backend did not answer in time (HTTP 504). */
    TIMEOUT,
    /** The backend cannot run at all, such as a CLI that is not installed (HTTP 503). */
    UNAVAILABLE,
    /** The upstream answered with something the backend could not understand (HTTP 502). */
    UPSTREAM,
    /** A fault inside the gateway or plugin (HTTP 500). */
    INTERNAL
}
