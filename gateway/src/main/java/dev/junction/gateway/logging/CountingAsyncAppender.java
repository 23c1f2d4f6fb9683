package dev.junction.gateway.logging;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Logback's {@link AsyncAppender} that counts what it drops: with {@code neverBlock} a full queue
 * drops the new event rather than make the logging thread (an event loop) wait, and Logback drops
 * it silently. This one says how many were dropped in a WARN of its own logger (in its logging
 * context), at most every {@code warnEverySeconds} (default 10) s, with the next event it is
 * handed. A drop raced by another thread filling the queue between the check and the offer goes
 * uncounted: the count is a floor.
 */
public class CountingAsyncAppender extends AsyncAppender {

    private final AtomicLong dropped = new AtomicLong();
    private volatile long warnedAt = System.nanoTime();
    private long warnEveryNanos = TimeUnit.SECONDS.toNanos(10);

    /** How often at most the dropped lines are reported ({@code <warnEverySeconds>} in logback.xml). */
    public void setWarnEverySeconds(long seconds) {
        warnEveryNanos = TimeUnit.SECONDS.toNanos(seconds);
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (isNeverBlock() && getRemainingCapacity() == 0) {
            dropped.incrementAndGet();
        } else {
            super.append(event);
        }
        if (dropped.get() > 0 && System.nanoTime() - warnedAt >= warnEveryNanos) {
            warnOfDropped();
        }
    }

    private void warnOfDropped() {
        warnedAt = System.nanoTime();
        long count = dropped.getAndSet(0);
        if (count > 0) {
            ((LoggerContext) getContext())
                    .getLogger(CountingAsyncAppender.class)
                    .warn(
                            "Log lines dropped by appender {}: {} (the log could not keep up; {} lines may wait)",
                            getName(),
                            count,
                            getQueueSize());
        }
    }
}
