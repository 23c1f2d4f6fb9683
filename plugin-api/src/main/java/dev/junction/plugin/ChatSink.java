package dev.junction.plugin;

/**
 * Where a backend writes its answer to one request.
 *
 * <p>Thread-safe: a backend may emit from any thread, including a process reader or an HTTP
 * client callback. Events after the terminal one ({@link ChatEvent#terminal()}) are dropped, as
 * are events after the request was cancelled.
 */
public interface ChatSink {

    /** Sends one event on to the client. */
    void emit(ChatEvent event);

    /** Whether the client went away or the gateway gave up on the request. */
    boolean cancelled();

    /**
     * Runs {@code action} once when the request is cancelled: kill the process, abort the upstream
     * call. Runs at once if the request is already cancelled. Not run after the stream ended.
     */
    void onCancel(Runnable action);
}
