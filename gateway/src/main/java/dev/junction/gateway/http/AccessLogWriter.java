package dev.junction.gateway.http;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes access log lines from the event loop and writes them to their sink (the
 * {@code junction.access} logger) on a thread of its own: a logger writes synchronously
 * (slf4j-simple formats each line and writes it to standard error), which the event loop must not
 * wait for. The writer takes the lines in batches, pausing {@value #PAUSE_MILLIS} ms after each, so
 * that under load it wakes up a few times a second rather than once a line.
 *
 * <p>The queue is bounded: when the sink cannot keep up, new lines are dropped and counted rather
 * than the event loop blocked, and a WARN says how many, at most every {@value #WARN_EVERY_SECONDS}
 * s. Lines keep their order. Thread-safe; {@link #close} writes what is queued, then stops the thread.
 */
final class AccessLogWriter implements Consumer<String>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AccessLogWriter.class);

    /** How many lines may wait (a few MiB): many pauses' worth at tens of thousands of requests a second. */
    static final int CAPACITY = 8_192;

    private static final long PAUSE_MILLIS = 10;
    private static final long WARN_EVERY_SECONDS = 10;
    private static final long CLOSE_WAIT_MILLIS = 5_000;

    private final Consumer<String> sink;
    private final Consumer<String> warnings;
    private final int capacity;
    private final BlockingQueue<String> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private volatile boolean closed;

    private AccessLogWriter(Consumer<String> sink, int capacity, Consumer<String> warnings) {
        this.sink = sink;
        this.warnings = warnings;
        this.capacity = capacity;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::run, "junction-access-log");
        thread.setDaemon(true);
    }

    /** A started writer to {@code sink}, warning of dropped lines on its own logger. */
    static AccessLogWriter start(Consumer<String> sink) {
        return start(sink, CAPACITY, LOG::warn);
    }

    /** @param warnings where the dropped-lines warnings go */
    static AccessLogWriter start(Consumer<String> sink, int capacity, Consumer<String> warnings) {
        AccessLogWriter writer = new AccessLogWriter(sink, capacity, warnings);
        writer.thread.start();
        return writer;
    }

    /** Queues {@code line}; drops it when the queue is full. Never blocks. */
    @Override
    public void accept(String line) {
        if (!queue.offer(line)) {
            dropped.incrementAndGet();
        }
    }

    /** Writes the lines still queued (for up to a few seconds), then stops the thread. Blocks. */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        thread.interrupt();
        thread.join(CLOSE_WAIT_MILLIS);
    }

    private void run() {
        List<String> batch = new ArrayList<>();
        long warnedAt = System.nanoTime();
        try {
            while (!closed) {
                String first = queue.poll(WARN_EVERY_SECONDS, TimeUnit.SECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch);
                    write(batch);
                }
                if (System.nanoTime() - warnedAt >= TimeUnit.SECONDS.toNanos(WARN_EVERY_SECONDS)) {
                    warnOfDropped();
                    warnedAt = System.nanoTime();
                }
                Thread.sleep(PAUSE_MILLIS);
            }
        } catch (InterruptedException closing) {
            // close(): write what is left below
        }
        queue.drainTo(batch);
        write(batch);
        warnOfDropped();
    }

    private void write(List<String> batch) {
        for (String line : batch) {
            try {
                sink.accept(line);
            } catch (RuntimeException e) {
                LOG.warn("Access log line not written: {}", e.toString());
            }
        }
        batch.clear();
    }

    private void warnOfDropped() {
        long count = dropped.getAndSet(0);
        if (count > 0) {
            warnings.accept(count + " access log lines dropped: the log could not keep up (" + capacity
                    + " lines may wait)");
        }
    }
}
