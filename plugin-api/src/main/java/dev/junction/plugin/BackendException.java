package dev.junction.plugin;

import java.util.Objects;

/**
 * A failure with a {@link ErrorKind}, thrown by factories and backends.
 *
 * @since 1.0.0
 */
public class BackendException extends RuntimeException {

    private final ErrorKind kind;

    public BackendException(ErrorKind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public BackendException(ErrorKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public ErrorKind kind() {
        return kind;
    }

    /** This failure as the terminal event of a stream. */
    public ChatEvent.Failed toEvent() {
        return ChatEvent.Failed.of(kind, getMessage());
    }
}
