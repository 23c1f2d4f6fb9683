package dev.junction.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The last few kilobytes a CLI wrote to stderr, for error messages. A daemon thread drains the
 * stream to its end, so the CLI never blocks on a full stderr pipe and memory stays bounded however
 * much it writes. {@link #text} may be called from any thread.
 */
final class StderrTail {

    /** How many bytes of stderr are kept. */
    static final int CAPACITY = 8 * 1024;

    private final byte[] ring = new byte[CAPACITY];
    private final Thread drainer;
    private long written;

    private StderrTail(InputStream stderr, String threadName) {
        drainer = new Thread(() -> drain(stderr), threadName);
        drainer.setDaemon(true);
    }

    /** Starts draining {@code stderr} on a daemon thread called {@code threadName}. */
    static StderrTail drain(InputStream stderr, String threadName) {
        StderrTail tail = new StderrTail(stderr, threadName);
        tail.drainer.start();
        return tail;
    }

    /**
     * The tail as text, trimmed, after waiting up to {@code wait} for the end of the stream (the
     * CLI's last words usually arrive just before it exits).
     */
    String text(Duration wait) {
        try {
            drainer.join(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] bytes;
        synchronized (this) {
            int size = (int) Math.min(written, CAPACITY);
            bytes = new byte[size];
            for (int i = 0; i < size; i++) {
                bytes[i] = ring[(int) ((written - size + i) % CAPACITY)];
            }
        }
        int start = 0;
        while (start < bytes.length && (bytes[start] & 0xC0) == 0x80) {
            start++; // the tail began inside a UTF-8 character
        }
        return new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8).strip();
    }

    private void drain(InputStream stderr) {
        byte[] chunk = new byte[4096];
        try (stderr) {
            for (int read = stderr.read(chunk); read >= 0; read = stderr.read(chunk)) {
                append(chunk, read);
            }
        } catch (IOException e) {
            // The pipe closed under us: what was read so far is the tail.
        }
    }

    private synchronized void append(byte[] chunk, int count) {
        for (int i = 0; i < count; i++) {
            ring[(int) (written++ % CAPACITY)] = chunk[i];
        }
    }
}
