package dev.junction.gateway.logging;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback's {@link AsyncAppender} that counts what it drops: with {@code neverBlock} a full queue
 * drops the new event rather than make the logging thread (an event loop) wait, and Logback drops
 * it silently. This one says how many were dropped in a WARN of its own logger (in its logging
 * context), at most every {@code warnEverySeconds} (default 10) s, with the next event it is
 * handed. A drop raced by another thread filling the queue between the check and the offer goes
 * uncounted: the count is a floor.
 */
public class CountingAsyncAppender extends AsyncAppender {

    private final DropCounter drops = new DropCounter(CountingAsyncAppender.class);

    /** How often at most the dropped lines are reported ({@code <warnEverySeconds>} in logback.xml). */
    public void setWarnEverySeconds(long seconds) {
        drops.warnEverySeconds(seconds);
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (isNeverBlock() && getRemainingCapacity() == 0) {
            drops.dropped();
        } else {
            super.append(event);
        }
        drops.warnIfDue(getContext(), getName(), getQueueSize());
    }
}
