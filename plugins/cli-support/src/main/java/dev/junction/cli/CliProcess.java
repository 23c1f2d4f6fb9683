package dev.junction.cli;

import dev.junction.plugin.BackendContext;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One started CLI process and its pipes: stdout read as lines, stdin written through a
 * {@link ProcessInput}, stderr drained into a {@link StderrTail}, and its {@link ProcessTree}. No
 * shell is involved. Once the process exits, whatever it left running is killed, so that an orphan
 * holding stdout open cannot keep the reader waiting. The copying of stdin, the draining of stderr
 * and the tree's timers run on the backend's threads ({@link BackendContext}). {@link #kill} may be
 * called from any thread; the rest belongs to the run's thread.
 */
final class CliProcess {

    /** How long a CLI gets to exit by itself, and to die after SIGTERM, before SIGKILL. */
    static final Duration GRACE = Duration.ofSeconds(2);

    private static final Duration STDERR_WAIT = Duration.ofSeconds(1);

    private final Process process;
    private final ProcessTree tree;
    private final LineReader stdout;
    private final ProcessInput stdin;
    private final StderrTail stderr;

    private CliProcess(Process process, String marker, BackendContext context) {
        this.process = process;
        this.tree = new ProcessTree(process, marker, GRACE, context);
        this.stdout = new LineReader(process.getInputStream(), LineReader.MAX_LINE_BYTES);
        this.stdin = new ProcessInput(process.getOutputStream(), context);
        this.stderr = StderrTail.drain(process.getErrorStream(), context);
        process.onExit().thenRun(tree::terminate);
    }

    /**
     * Starts {@code command} with exactly {@code environment} in {@code directory}.
     *
     * @param directory the working directory, or {@code null} for the gateway's
     * @param context the backend whose threads serve the process
     * @throws IOException when the process cannot be started
     */
    static CliProcess start(List<String> command, Map<String, String> environment, Path directory, BackendContext context)
            throws IOException {
        String marker = UUID.randomUUID().toString();
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().put(ProcessTree.MARKER_VARIABLE, marker);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        Process process = builder.start();
        try {
            return new CliProcess(process, marker, context);
        } catch (RuntimeException | Error e) {
            process.destroyForcibly(); // no thread to read it: it must not outlive this failure
            throw e;
        }
    }

    LineReader stdout() {
        return stdout;
    }

    CliInput stdin() {
        return stdin;
    }

    /** The last few kilobytes of stderr. */
    String stderrTail() {
        return stderr.text(STDERR_WAIT);
    }

    /** Waits for the process to exit and returns its exit code. */
    int exitCode() throws InterruptedException {
        return process.waitFor();
    }

    /** Waits up to {@code timeout} for the process to exit by itself. */
    void awaitExit(Duration timeout) {
        try {
            process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts killing the whole tree and returns at once; the reader then sees the end of stdout. */
    void kill() {
        tree.terminate();
    }

    /** Closes stdin, kills the whole tree, waits until it is gone, and closes stdout. */
    void destroy() {
        stdin.close();
        tree.destroy();
        try {
            process.getInputStream().close();
        } catch (IOException e) {
            // Nothing more will be read from it either way.
        }
    }
}
