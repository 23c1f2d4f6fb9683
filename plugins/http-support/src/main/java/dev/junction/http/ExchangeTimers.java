package dev.junction.http;

import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The two deadlines of one upstream exchange: the first byte (until the response headers arrive)
 * and the whole (until the response ends). Thread-safe; cancelling twice is harmless.
 */
final class ExchangeTimers {

    private static final long NONE = -1;

    private final Vertx vertx;
    private final AtomicLong firstByte = new AtomicLong(NONE);
    private final AtomicLong total = new AtomicLong(NONE);

    ExchangeTimers(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Starts both deadlines; each runs its action if it expires before being cancelled. */
    void start(int firstByteSeconds, Runnable onFirstByte, int totalSeconds, Runnable onTotal) {
        firstByte.set(vertx.setTimer(firstByteSeconds * 1000L, id -> onFirstByte.run()));
        total.set(vertx.setTimer(totalSeconds * 1000L, id -> onTotal.run()));
    }

    /** The response headers arrived: the first-byte deadline is met. */
    void headersArrived() {
        cancel(firstByte);
    }

    /** The exchange is over: cancels both deadlines. */
    void cancel() {
        cancel(firstByte);
        cancel(total);
    }

    private void cancel(AtomicLong timer) {
        long id = timer.getAndSet(NONE);
        if (id != NONE) {
            vertx.cancelTimer(id);
        }
    }
}
