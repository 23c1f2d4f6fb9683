package dev.junction.gateway.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

/**
 * A console that takes {@code millis} per line (a slow disk, a blocked pipe), for a logback.xml of a
 * test: each line is its message, to standard error. The pause is the behaviour under test (lines
 * still queued when the gateway stops), not a wait for something.
 */
public class SlowAppender extends AppenderBase<ILoggingEvent> {

    private long millis;

    public void setMillis(long millis) {
        this.millis = millis;
    }

    @Override
    protected void append(ILoggingEvent event) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.err.println(event.getFormattedMessage());
    }
}
