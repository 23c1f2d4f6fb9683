package dev.junction.gateway.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of one streamed answer on their way to the response. The first write goes out at once,
 * so the client's first byte waits for nothing. After it, the bytes written in one turn of the
 * request's event loop (the events of one batch from the backend, and of those already queued
 * behind it) are gathered and go out as one write, flushed once, as soon as the loop takes up its
 * next task. There is no timer and no waiting for more: a paced stream's events still go out one by
 * one as they come, and an unpaced one costs a system call per batch, not per event. What waits is
 * bounded: once it reaches {@link #MAX_PENDING_BYTES} it is written at once, so that a slow client's
 * stream is paused as soon as it would be with a write per event, before its backend is granted
 * more. Written bytes are counted until they are on the socket: {@link #full()} at
 * {@link #MAX_PENDING_BYTES}.
 *
 * <p>Confined to the request's context.
 */
final class CoalescedWrites {

    /**
     * What may wait for the end of a turn, and for the socket before the writes are {@link #full()}:
     * 64 KiB, Netty's default high-water mark.
     */
    static final int MAX_PENDING_BYTES = 64 * 1024;

    private final Vertx vertx;
    private final HttpServerResponse response;
    private final Runnable holding;
    private final Runnable afterWrite;
    private final Runnable drained;
    /** The bytes waiting for the end of the turn, as written: joined into one buffer of their exact size at the flush. */
    private final List<Buffer> pending = new ArrayList<>();
    private int pendingBytes;
    /** Bytes handed to the response whose write has not completed (not on the socket yet). */
    private long unwritten;
    private boolean full;
    private boolean wrote;

    /**
     * @param holding runs when bytes start to wait for the end of the turn (to take no more for now)
     * @param afterWrite runs after each write that reached the response (to check its write queue
     *     and {@link #full()})
     * @param drained runs when the bytes not yet on the socket fall back to half of
     *     {@link #MAX_PENDING_BYTES} after they had made the writes {@link #full()}
     */
    CoalescedWrites(Vertx vertx, HttpServerResponse response, Runnable holding, Runnable afterWrite, Runnable drained) {
        this.vertx = vertx;
        this.response = response;
        this.holding = holding;
        this.afterWrite = afterWrite;
        this.drained = drained;
    }

    /**
     * Whether {@value #MAX_PENDING_BYTES} bytes or more were handed to the response and are not on
     * the socket yet. Vert.x 5's response counts its write queue in writes, not bytes (it is full at
     * sixteen writes waiting behind a channel that takes no more), so a slow client could otherwise
     * hold sixteen coalesced writes of a credit window each before {@code writeQueueFull()} says so.
     */
    boolean full() {
        return full;
    }

    /** Writes {@code bytes}: at once if they are the stream's first, else with the rest of this turn. */
    void write(Buffer bytes) {
        if (!wrote) {
            wrote = true;
            send(bytes);
            afterWrite.run();
        } else {
            if (pending.isEmpty()) {
                vertx.runOnContext(turnEnded -> flush()); // after this turn, on the writing context
                holding.run();
            }
            pending.add(bytes);
            pendingBytes += bytes.length();
            if (pendingBytes >= MAX_PENDING_BYTES) {
                flush();
            }
        }
    }

    /** Ends the response with what is pending and {@code last}, in one write. */
    Future<Void> end(Buffer last) {
        pending.add(last);
        pendingBytes += last.length();
        return response.end(takePending());
    }

    private void flush() {
        if (pending.isEmpty() || response.closed() || response.ended()) {
            return;
        }
        send(takePending());
        afterWrite.run();
    }

    private void send(Buffer bytes) {
        int length = bytes.length();
        unwritten += length;
        full |= unwritten >= MAX_PENDING_BYTES;
        response.write(bytes).onComplete(written -> {
            unwritten -= length;
            if (full && unwritten <= MAX_PENDING_BYTES / 2) {
                full = false;
                drained.run();
            }
        });
    }

    /**
     * The waiting bytes as one buffer of their exact size: a buffer grown by appending has up to twice
     * the room it uses, and the write queue would hold that room as long as the client does not read.
     */
    private Buffer takePending() {
        Buffer bytes;
        if (pending.size() == 1) {
            bytes = pending.get(0);
        } else {
            bytes = Buffer.buffer(pendingBytes);
            pending.forEach(bytes::appendBuffer);
        }
        pending.clear();
        pendingBytes = 0;
        return bytes;
    }
}
