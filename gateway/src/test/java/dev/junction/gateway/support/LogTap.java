package dev.junction.gateway.support;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a copy of everything the gateway logs while installed (the bundled logback.xml writes to
 * {@code System.err}, looked up at each line), still passing it on. Install, then close to restore.
 * The log is written by Logback's threads a moment after the call that logs: {@link #textOnce}
 * waits for a line.
 */
public final class LogTap implements AutoCloseable {

    private final PrintStream original = System.err;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

    private LogTap() {
        System.setErr(new PrintStream(new Tee(), true, StandardCharsets.UTF_8));
    }

    public static LogTap install() {
        return new LogTap();
    }

    /** What was logged since {@link #install}. */
    public String text() {
        synchronized (kept) {
            return kept.toString(StandardCharsets.UTF_8);
        }
    }

    /** What was logged since {@link #install}, once it holds {@code expected} (or the wait ends). */
    public String textOnce(String expected, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (kept) {
            String text = kept.toString(StandardCharsets.UTF_8);
            for (long left = wait.toMillis(); !text.contains(expected) && left > 0; ) {
                kept.wait(left);
                text = kept.toString(StandardCharsets.UTF_8);
                left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            }
            return text;
        }
    }

    @Override
    public void close() {
        System.setErr(original);
    }

    /** Writes each byte to the original stream and to the copy. */
    private final class Tee extends OutputStream {

        @Override
        public void write(int b) {
            original.write(b);
            synchronized (kept) {
                kept.write(b);
                kept.notifyAll();
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            original.write(bytes, offset, length);
            synchronized (kept) {
                kept.write(bytes, offset, length);
                kept.notifyAll();
            }
        }

        @Override
        public void flush() {
            original.flush();
        }
    }
}
