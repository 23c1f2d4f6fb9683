package dev.junction.cli;

import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatSink;

/**
 * The client's sink as one run sees it: events pass until the first terminal one, or until the
 * request was cancelled, and are dropped after that. So a stream gets exactly one terminal event
 * however many threads (the reader, a timer, a cancel, shutdown) try to end it. Thread-safe: the
 * sink is called under a lock, which keeps the order and is cheap because emitting never blocks.
 */
final class GuardedSink {

    private final ChatSink sink;
    private boolean ended;

    GuardedSink(ChatSink sink) {
        this.sink = sink;
    }

    /** Sends {@code event} on unless the stream has ended; a terminal event ends it. */
    synchronized void emit(ChatEvent event) {
        if (!ended) {
            ended = event.terminal();
            sink.emit(event);
        }
    }

    /** Ends the stream without an event: the client went away. */
    synchronized void silence() {
        ended = true;
    }

    /** Whether the client can take more output now ({@link ChatSink#ready()}). */
    boolean ready() {
        return sink.ready();
    }

    /** Runs {@code action} once the client can take more, or the request ends ({@link ChatSink#onReady}). */
    void onReady(Runnable action) {
        sink.onReady(action);
    }

    /** Whether the stream has ended. */
    synchronized boolean ended() {
        return ended;
    }
}
