package dev.junction.http;

import dev.junction.plugin.BackendException;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;

/**
 * A failed upstream call ({@link UpstreamClient#call}): a {@link BackendException} that also carries
 * when to try again, for {@link ErrorKind#RATE_LIMITED} and {@link ErrorKind#OVERLOADED}.
 */
public final class UpstreamException extends BackendException {

    private final Integer retryAfterSeconds;

    public UpstreamException(ErrorKind kind, String message, Integer retryAfterSeconds) {
        super(kind, message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The failure a terminal event describes. */
    public static UpstreamException of(ChatEvent.Failed failed) {
        return new UpstreamException(failed.kind(), failed.message(), failed.retryAfterSeconds());
    }

    /** Seconds to wait before trying again, or {@code null} when the upstream did not say. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public ChatEvent.Failed toEvent() {
        return new ChatEvent.Failed(kind(), getMessage(), retryAfterSeconds);
    }
}
