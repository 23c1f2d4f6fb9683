package dev.junction.cli;

import dev.junction.plugin.BackendContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The last few kilobytes a CLI wrote to stderr, for error messages. A worker thread of the backend
 * ({@link BackendContext#workers()}) drains the stream to its end, so the CLI never blocks on a
 * full stderr pipe and memory stays bounded however much it writes. {@link #text} may be called
 * from any thread.
 */
final class StderrTail {

    /** How many bytes of stderr are kept. */
    static final int CAPACITY = 8 * 1024;

    private final byte[] ring = new byte[CAPACITY];
    private final CompletableFuture<Void> drained;
    private long written;

    private StderrTail(InputStream stderr, BackendContext context) {
        drained = CompletableFuture.runAsync(() -> drain(stderr), context.workers());
    }

    /**
     * Starts draining {@code stderr} on a worker thread of {@code context}.
     *
     * @throws java.util.concurrent.RejectedExecutionException when the backend has retired
     */
    static StderrTail drain(InputStream stderr, BackendContext context) {
        return new StderrTail(stderr, context);
    }

    /**
     * The tail as text, trimmed, after waiting up to {@code wait} for the end of the stream (the
     * CLI's last words usually arrive just before it exits).
     */
    String text(Duration wait) {
        try {
            drained.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Still writing, or the drain stopped: what was read so far is the tail.
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
