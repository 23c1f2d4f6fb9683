package dev.junction.gateway.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The access log's appender: every line, in order, in a few writes; a full queue drops and says so. */
@Timeout(30)
class BatchingConsoleAppenderTest {

    private final LoggerContext context = FreshContexts.started();
    private final Console console = new Console();

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void a_burst_of_lines_goes_out_whole_and_in_order_in_a_few_writes() {
        Logger access = accessLog(appender(8192, 10));

        IntStream.range(0, 5_000).forEach(i -> access.info("{\"line\":" + i + "}"));
        context.stop(); // writes what is queued

        assertThat(console.lines())
                .containsExactlyElementsOf(IntStream.range(0, 5_000).mapToObj(i -> "{\"line\":" + i + "}").toList());
        assertThat(console.writes.get()).as("writes for 5,000 lines logged at once").isLessThan(50);
    }

    @Test
    void a_line_logged_alone_is_written_within_its_linger() throws InterruptedException {
        Logger access = accessLog(appender(8192, 10));

        access.info("alone");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (console.lines().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }

        assertThat(console.lines()).containsExactly("alone");
    }

    @Test
    void a_full_queue_drops_new_lines_and_a_warn_counts_them() {
        ListAppender<ILoggingEvent> warnings = new ListAppender<>();
        warnings.setContext(context);
        warnings.start();
        context.getLogger(BatchingConsoleAppender.class).addAppender(warnings);
        BatchingConsoleAppender appender = appender(4, 60_000); // the writer lingers a minute on its first line
        appender.setWarnEverySeconds(0);
        Logger access = accessLog(appender);

        long start = System.nanoTime();
        IntStream.range(0, 20).forEach(i -> access.info("line " + i));

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("logging never waits").isLessThan(1_000);
        assertThat(warnings.list).extracting(ILoggingEvent::getFormattedMessage)
                .isNotEmpty()
                .allMatch(message -> message.startsWith("Log lines dropped by appender ACCESS: "));
        long told = warnings.list.stream()
                .mapToLong(event -> Long.parseLong(event.getFormattedMessage().replaceAll(".*ACCESS: (\\d+) .*", "$1")))
                .sum();
        assertThat(told).as("lines dropped: 20 logged, at most 1 taken by the writer and 4 queued").isBetween(15L, 16L);
    }

    private BatchingConsoleAppender appender(int queueSize, long lingerMillis) {
        BatchingConsoleAppender appender = new BatchingConsoleAppender(() -> console);
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        appender.setContext(context);
        appender.setName("ACCESS");
        appender.setEncoder(encoder);
        appender.setQueueSize(queueSize);
        appender.setLingerMillis(lingerMillis);
        appender.setMaxFlushTime(5_000);
        appender.start();
        return appender;
    }

    private Logger accessLog(BatchingConsoleAppender appender) {
        Logger access = context.getLogger("junction.access");
        access.setAdditive(false);
        access.addAppender(appender);
        return access;
    }

    /** Standard error as the appender sees it: the bytes, and how many writes brought them. */
    private static final class Console extends OutputStream {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final AtomicInteger writes = new AtomicInteger();

        @Override
        public synchronized void write(int b) {
            writes.incrementAndGet();
            bytes.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            writes.incrementAndGet();
            bytes.write(b, off, len);
        }

        synchronized List<String> lines() {
            String text = bytes.toString(StandardCharsets.UTF_8);
            return text.isEmpty() ? List.of() : List.of(text.split("\n"));
        }
    }
}
