package dev.junction.gateway.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * The bytes of one streamed answer on their way to the response. The first write goes out at once,
 * so the client's first byte waits for nothing. After it, the bytes written in one turn of the
 * request's event loop (the events of one batch from the backend, and of those already queued
 * behind it) are gathered and go out as one write, flushed once, as soon as the loop takes up its
 * next task. There is no timer and no waiting for more: a paced stream's events still go out one by
 * one as they come, and an unpaced one costs a system call per batch, not per event. What waits is
 * bounded: once it reaches {@link #MAX_PENDING_BYTES}, what the response's write queue holds before
 * it counts as full, it is written at once, so that a slow client's stream is paused as soon as it
 * would be with a write per event, before its backend is granted more.
 *
 * <p>Confined to the request's context.
 */
final class CoalescedWrites {

    /** Netty's default high-water mark for a connection's write queue (64 KiB). */
    static final int MAX_PENDING_BYTES = 64 * 1024;

    private final Vertx vertx;
    private final HttpServerResponse response;
    private final Runnable holding;
    private final Runnable afterWrite;
    private Buffer pending;
    private boolean wrote;

    /**
     * @param holding runs when bytes start to wait for the end of the turn (to take no more for now)
     * @param afterWrite runs after each write that reached the response (to check its write queue)
     */
    CoalescedWrites(Vertx vertx, HttpServerResponse response, Runnable holding, Runnable afterWrite) {
        this.vertx = vertx;
        this.response = response;
        this.holding = holding;
        this.afterWrite = afterWrite;
    }

    /** Writes {@code bytes}: at once if they are the stream's first, else with the rest of this turn. */
    void write(Buffer bytes) {
        if (!wrote) {
            wrote = true;
            response.write(bytes);
            afterWrite.run();
        } else if (pending == null) {
            pending = Buffer.buffer().appendBuffer(bytes);
            vertx.runOnContext(turnEnded -> flush()); // after this turn, on the writing context
            holding.run();
        } else {
            pending.appendBuffer(bytes);
        }
        if (pending != null && pending.length() >= MAX_PENDING_BYTES) {
            flush();
        }
    }

    /** Ends the response with what is pending and {@code last}, in one write. */
    Future<Void> end(Buffer last) {
        Buffer all = pending == null ? last : pending.appendBuffer(last);
        pending = null;
        return response.end(all);
    }

    private void flush() {
        Buffer bytes = pending;
        pending = null;
        if (bytes == null || response.closed() || response.ended()) {
            return;
        }
        response.write(bytes);
        afterWrite.run();
    }
}
