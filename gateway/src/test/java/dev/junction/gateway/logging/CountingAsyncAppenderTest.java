package dev.junction.gateway.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A full queue drops the new line at once rather than wait, and a WARN says how many were dropped. */
@Timeout(30)
class CountingAsyncAppenderTest {

    private final LoggerContext context = FreshContexts.started();
    private final List<String> written = new CopyOnWriteArrayList<>();
    private final CountDownLatch stuck = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch fiveWritten = new CountDownLatch(5);
    private final ListAppender<ILoggingEvent> warnings = new ListAppender<>();

    @AfterEach
    void stop() {
        release.countDown();
        context.stop();
    }

    @Test
    void a_full_queue_drops_new_lines_without_waiting_and_a_warn_counts_them() {
        accessLogStuckAtItsFirstLine(4, 0);

        long start = System.nanoTime();
        IntStream.range(0, 4).forEach(i -> log("queued " + i));
        IntStream.range(0, 3).forEach(i -> log("dropped " + i));
        long logMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        release.countDown();
        await(fiveWritten);

        assertThat(logMillis).as("logging never waits for the console").isLessThan(1_000);
        assertThat(written).containsExactly("first", "queued 0", "queued 1", "queued 2", "queued 3");
        assertThat(warnings.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .containsOnly("Log lines dropped by appender ACCESS: 1 (the log could not keep up; 4 lines may wait)")
                .hasSize(3);
    }

    @Test
    void drops_are_told_at_most_once_an_interval() {
        accessLogStuckAtItsFirstLine(1, 3600);

        IntStream.range(0, 5).forEach(i -> log("line " + i));

        assertThat(warnings.list).as("not within the interval").isEmpty();
    }

    /**
     * The {@code junction.access} logger through a started appender of {@code queueSize} to a
     * console, once that console is stuck at the line {@code first}; warnings go to {@link #warnings}.
     */
    private void accessLogStuckAtItsFirstLine(int queueSize, long warnEverySeconds) {
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(started(warnings));
        CountingAsyncAppender async = new CountingAsyncAppender();
        async.setContext(context);
        async.setName("ACCESS");
        async.setQueueSize(queueSize);
        async.setDiscardingThreshold(0);
        async.setNeverBlock(true);
        async.setWarnEverySeconds(warnEverySeconds);
        async.addAppender(started(new AppenderBase<ILoggingEvent>() {
            @Override
            protected void append(ILoggingEvent event) {
                stuck.countDown();
                try {
                    release.await();
                } catch (InterruptedException stopping) {
                    Thread.currentThread().interrupt();
                    return;
                }
                written.add(event.getFormattedMessage());
                fiveWritten.countDown();
            }
        }));
        started(async);
        Logger access = context.getLogger("junction.access");
        access.setAdditive(false);
        access.addAppender(async);
        log("first");
        await(stuck);
    }

    private <A extends ch.qos.logback.core.Appender<ILoggingEvent>> A started(A appender) {
        appender.setContext(context);
        appender.start();
        return appender;
    }

    private void log(String line) {
        context.getLogger("junction.access").info(line);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
