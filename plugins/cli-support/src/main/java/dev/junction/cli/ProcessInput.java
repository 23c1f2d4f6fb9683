package dev.junction.cli;

import dev.junction.plugin.BackendContext;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A CLI's stdin as a {@link CliInput}. Writes are queued and a worker thread of the backend
 * ({@link BackendContext#workers()}) copies them to the process, so a CLI that does not read its
 * input never blocks the caller. Thread-safe. Once the pipe breaks (the CLI exited or closed its
 * stdin) further writes are dropped: the CLI's output and exit code tell what happened. The copy
 * ends when the input is closed, the pipe breaks, or the backend's workers are stopped.
 */
final class ProcessInput implements CliInput {

    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** @throws java.util.concurrent.RejectedExecutionException when the backend has retired */
    ProcessInput(OutputStream stdin, BackendContext context) {
        context.workers().execute(() -> copy(stdin));
    }

    @Override
    public void write(String text) {
        if (!closed.get()) {
            queue.add(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            queue.add(END);
        }
    }

    private void copy(OutputStream stdin) {
        try (stdin) {
            for (byte[] bytes = queue.take(); bytes != END; bytes = queue.take()) {
                stdin.write(bytes);
                stdin.flush();
            }
        } catch (IOException e) {
            closed.set(true);
            queue.clear();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
