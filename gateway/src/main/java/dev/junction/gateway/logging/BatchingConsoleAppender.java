package dev.junction.gateway.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Writes its lines to standard error in batches, from a thread of its own. The logging thread (an
 * event loop) only queues the event: it never waits, and while the writer is busy or lingering it
 * does not wake it either. Once a line comes, the writer waits {@code lingerMillis} (default 10)
 * for more and writes them all with one {@code write(2)}. Made for the access log, a line per
 * request: Logback's {@code AsyncAppender} in front of a {@code ConsoleAppender} woke its worker
 * and wrote about once every second request, which cost about 24 µs of CPU per request
 * (BENCHMARKS.md, issue 14). A full queue ({@code queueSize}, default 8192) drops the new line and
 * a WARN says how many ({@link DropCounter}, {@code warnEverySeconds}). Stopping writes what is
 * queued, waiting {@code maxFlushTime} ms (default 5000) at most.
 */
public class BatchingConsoleAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    private static final long IDLE_POLL_MILLIS = 100;

    private final DropCounter drops = new DropCounter(BatchingConsoleAppender.class);
    private final Supplier<OutputStream> target;
    private Encoder<ILoggingEvent> encoder;
    private int queueSize = 8192;
    private long lingerMillis = 10;
    private long maxFlushTime = 5000;
    private ArrayBlockingQueue<ILoggingEvent> queue;
    private Thread writer;

    /** Writes to {@link System#err} as it is when a batch goes out. */
    public BatchingConsoleAppender() {
        this(() -> System.err);
    }

    BatchingConsoleAppender(Supplier<OutputStream> target) {
        this.target = target;
    }

    public void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
    }

    public void setQueueSize(int queueSize) {
        this.queueSize = queueSize;
    }

    public void setLingerMillis(long lingerMillis) {
        this.lingerMillis = lingerMillis;
    }

    public void setMaxFlushTime(long maxFlushTime) {
        this.maxFlushTime = maxFlushTime;
    }

    public void setWarnEverySeconds(long seconds) {
        drops.warnEverySeconds(seconds);
    }

    @Override
    public void start() {
        if (encoder == null) {
            addError("No encoder for appender " + getName());
            return;
        }
        queue = new ArrayBlockingQueue<>(queueSize);
        writer = new Thread(this::writeUntilStopped, "junction-log-" + getName());
        writer.setDaemon(true);
        super.start();
        writer.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        event.prepareForDeferredProcessing();
        if (!queue.offer(event)) {
            drops.dropped();
        }
        drops.warnIfDue(getContext(), getName(), queueSize);
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        writer.interrupt();
        try {
            writer.join(maxFlushTime);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeUntilStopped() {
        List<ILoggingEvent> batch = new ArrayList<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        while (isStarted() || !queue.isEmpty()) {
            try {
                ILoggingEvent first = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                if (isStarted()) {
                    Thread.sleep(lingerMillis);
                }
            } catch (InterruptedException stopping) {
                // stop(): what is queued is written below, and the loop ends once the queue is empty
            }
            queue.drainTo(batch);
            write(batch, bytes);
        }
    }

    private void write(List<ILoggingEvent> batch, ByteArrayOutputStream bytes) {
        if (batch.isEmpty()) {
            return;
        }
        bytes.reset();
        for (ILoggingEvent event : batch) {
            bytes.writeBytes(encoder.encode(event));
        }
        batch.clear();
        OutputStream out = target.get();
        try {
            bytes.writeTo(out);
            out.flush();
        } catch (IOException e) {
            addError("Could not write the log lines of appender " + getName(), e);
        }
    }
}
