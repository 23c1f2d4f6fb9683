package dev.junction.plugin;

/**
 * Where a backend writes its answer to one request.
 *
 * <p>Thread-safe: a backend may emit from any thread, including a process reader or an HTTP
 * client callback. Events after the terminal one ({@link ChatEvent#terminal()}) are dropped, as
 * are events after the request was cancelled.
 *
 * <h2>Flow control</h2>
 *
 * The client reads at its own pace; {@link #ready()} says whether it can take more now. The gateway
 * grants each stream a window of credit (128 events) and grants more only as the client's HTTP
 * connection takes the events written so far. A backend produces while {@code ready()} is true, and
 * when it turns false stops producing (pauses its upstream response, stops reading its process'
 * output) until {@link #onReady} calls back:
 *
 * <pre>{@code
 * // on an event loop: never wait, resume from the callback
 * void pump() {
 *     while (sink.ready() && more()) sink.emit(next());
 *     if (more() && !sink.cancelled()) sink.onReady(this::pump);
 * }
 * }</pre>
 *
 * A worker thread may instead wait for the callback (a latch counted down by it). Events emitted
 * while not ready are not lost: the sink holds them, in order, up to 1,024 events; a backend that
 * goes beyond that (it ignores flow control) has its stream ended with {@link ErrorKind#INTERNAL}
 * and is cancelled. The terminal event needs no credit of its own (it follows the events held
 * before it). So what one stream holds in the gateway is bounded by the window, plus the client
 * connection's write queue (64 KiB), plus whatever the backend emits beyond the window (at most
 * 1,024 events).
 *
 * @since 1.0.0
 */
public interface ChatSink {

    /** Sends one event on to the client (holding it while the client cannot take it, see above). */
    void emit(ChatEvent event);

    /** Whether the client went away or the gateway gave up on the request. */
    boolean cancelled();

    /**
     * Runs {@code action} once when the request is cancelled: kill the process, abort the upstream
     * call. Runs at once if the request is already cancelled. Not run after the stream ended.
     */
    void onCancel(Runnable action);

    /**
     * Whether the client can take another event now. Cheap, never blocks; callable from any
     * thread. False once the stream has ended or was cancelled.
     */
    boolean ready();

    /**
     * Runs {@code action} once, as soon as the sink is {@link #ready()} again, or the request is
     * cancelled or its stream ended (so that a producer waiting for it always wakes; check
     * {@link #cancelled()} then). Runs at once, on the calling thread, if that is already so;
     * otherwise on the thread that grants the credit, an event loop: the action must not block
     * (a worker thread that waits lets the action wake it).
     */
    void onReady(Runnable action);
}
