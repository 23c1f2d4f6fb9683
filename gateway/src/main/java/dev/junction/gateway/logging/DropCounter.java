package dev.junction.gateway.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.Context;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the lines an appender dropped because its queue was full, and says how many in a WARN of
 * {@code reporter}'s logger at most every {@code warnEverySeconds} (default 10) s, with the next
 * line it is handed. A drop raced by another thread goes uncounted: the count is a floor.
 */
final class DropCounter {

    private final Class<?> reporter;
    private final AtomicLong dropped = new AtomicLong();
    private volatile long warnedAt = System.nanoTime();
    private volatile long warnEveryNanos = TimeUnit.SECONDS.toNanos(10);

    DropCounter(Class<?> reporter) {
        this.reporter = reporter;
    }

    void warnEverySeconds(long seconds) {
        warnEveryNanos = TimeUnit.SECONDS.toNanos(seconds);
    }

    void dropped() {
        dropped.incrementAndGet();
    }

    /** Warns of the lines dropped since the last warning, when there are some and the interval is over. */
    void warnIfDue(Context context, String appender, int queueSize) {
        if (dropped.get() == 0 || System.nanoTime() - warnedAt < warnEveryNanos) {
            return;
        }
        warnedAt = System.nanoTime();
        long count = dropped.getAndSet(0);
        if (count > 0) {
            ((LoggerContext) context)
                    .getLogger(reporter)
                    .warn("Log lines dropped by appender {}: {} (the log could not keep up; {} lines may wait)",
                            appender, count, queueSize);
        }
    }
}
