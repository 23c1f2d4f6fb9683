package dev.junction.gateway.support;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Keeps a copy of everything the gateway logs while installed (slf4j-simple writes to
 * {@code System.err}, looked up at each line), still passing it on. Install, then close to restore.
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
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            original.write(bytes, offset, length);
            synchronized (kept) {
                kept.write(bytes, offset, length);
            }
        }

        @Override
        public void flush() {
            original.flush();
        }
    }
}
