package dev.junction.cli;

import dev.junction.plugin.BackendContext;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatSink;
import dev.junction.plugin.ErrorKind;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * One request's run of a CLI, from the start of its process to the death of its process tree.
 *
 * <p>{@link #run} blocks the request's worker thread: it reads stdout line by line and hands each
 * line to the {@link CliRun}, so the next line is read only once the previous one was handled, and
 * only once the client can take more ({@link ChatSink#ready()}): while it cannot, the CLI's stdout
 * pipe fills and the CLI blocks on its next write, and that wait does not count as the CLI being
 * idle.
 * {@link #cancel} and {@link #fail} come from other threads (the client went away, a time limit,
 * gateway shutdown): they end the stream and kill the tree, which ends the reading. Whatever
 * happens, the stream gets exactly one terminal event (none after a cancel) and no process of the
 * tree outlives {@link #run}.
 */
final class CliExecution {

    private final CliProtocol protocol;
    private final CliOptions options;
    private final BackendContext context;
    private final SealedRun sealed;
    private final CliRun run;
    private final GuardedSink events;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile CliProcess process;
    private volatile boolean aborted;
    /** Counted down when the client can take more, or the run is aborted; {@code null} while not waiting. */
    private volatile CountDownLatch waitingForClient;

    /** @param context the backend whose timer and worker threads serve the run */
    CliExecution(
            CliProtocol protocol, CliOptions options, BackendContext context, SealedRun sealed, CliRun run, ChatSink sink) {
        this.protocol = protocol;
        this.options = options;
        this.context = context;
        this.sealed = sealed;
        this.run = run;
        this.events = new GuardedSink(sink);
    }

    /** Runs the CLI to the end of the stream and of its process tree. */
    void run() {
        try {
            if (!events.ended()) {
                startAndConverse();
            }
        } catch (RuntimeException e) {
            events.emit(ChatEvent.Failed.of(ErrorKind.INTERNAL, name() + " run failed: " + e));
        } finally {
            // Dropped when the stream has ended, as it should have: this catches a CliRun that never ends it.
            events.emit(ChatEvent.Failed.of(ErrorKind.INTERNAL, name() + " ended without a result"));
            done.complete(null);
        }
    }

    /** The client went away: asks the run to stop, kills the tree, and emits nothing more. */
    void cancel() {
        aborted = true;
        events.silence();
        wake();
        CliProcess running = process;
        if (running != null) {
            try {
                run.interrupt(running.stdin());
            } finally {
                running.kill();
            }
        }
    }

    /** Ends the stream with {@code failure} (unless it has ended) and kills the tree. */
    void fail(ChatEvent.Failed failure) {
        aborted = true;
        events.emit(failure);
        wake();
        CliProcess running = process;
        if (running != null) {
            running.kill();
        }
    }

    /** Completes when {@link #run} has returned. */
    CompletableFuture<Void> done() {
        return done;
    }

    private void startAndConverse() {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.putAll(run.environment());
        environment.putAll(options.env());
        environment.putAll(sealed.environment());
        Optional<Path> executable =
                CommandLookup.find(options.command(), environment.get("PATH"), options.workingDirectory());
        if (executable.isEmpty()) {
            events.emit(CliBackend.notInstalled(protocol, options));
            return;
        }
        List<String> command = new ArrayList<>();
        command.add(executable.get().toString());
        command.addAll(options.args());
        command.addAll(run.arguments());
        CliProcess started;
        try {
            started = CliProcess.start(command, environment, sealed.workingDirectory(), context);
        } catch (IOException e) {
            events.emit(ChatEvent.Failed.of(ErrorKind.UNAVAILABLE, name() + " could not be started: " + e.getMessage()));
            return;
        }
        process = started;
        if (aborted) {
            started.kill(); // cancelled or failed while starting: the abort did not see the process
        }
        converse(started);
    }

    private void converse(CliProcess cli) {
        Watchdog watchdog = Watchdog.start(
                context,
                Duration.ofSeconds(options.timeoutSeconds()),
                Duration.ofSeconds(options.idleTimeoutSeconds()),
                this::expired);
        boolean answered = false;
        try {
            run.start(cli.stdin());
            answered = readAnswer(cli, watchdog);
            if (!events.ended()) {
                int exitCode = cli.exitCode();
                events.emit(run.onExit(exitCode, cli.stderrTail()));
            }
        } catch (LineReader.LineTooLongException e) {
            events.emit(ChatEvent.Failed.of(ErrorKind.UPSTREAM, name() + " printed a line too long (over "
                    + LineReader.MAX_LINE_BYTES / (1024 * 1024) + " MiB)"));
        } catch (IOException e) {
            events.emit(ChatEvent.Failed.of(ErrorKind.INTERNAL, "Could not read the output of " + name() + ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            events.emit(ChatEvent.Failed.of(ErrorKind.INTERNAL, name() + " run was interrupted"));
        } catch (RuntimeException e) {
            events.emit(ChatEvent.Failed.of(ErrorKind.INTERNAL, name() + " run failed: " + e));
        } finally {
            watchdog.stop();
            cli.stdin().close();
            if (answered) {
                cli.awaitExit(CliProcess.GRACE);
            }
            cli.destroy();
        }
    }

    /**
     * Hands stdout lines to the run until the stream ends or stdout does.
     *
     * @return whether the run itself ended the stream (its CLI printed its final result)
     */
    private boolean readAnswer(CliProcess cli, Watchdog watchdog) throws IOException, InterruptedException {
        String line;
        while (awaitClient(watchdog) && (line = cli.stdout().readLine()) != null) {
            watchdog.touch();
            run.onLine(line, cli.stdin(), events::emit);
        }
        return events.ended() && !aborted;
    }

    /**
     * Waits until the client can take more output, without counting the wait as the CLI's silence.
     *
     * @return whether to read on: false once the stream ended or the run was aborted
     */
    private boolean awaitClient(Watchdog watchdog) throws InterruptedException {
        if (events.ended() || aborted) {
            return false;
        }
        if (events.ready()) {
            return true;
        }
        CountDownLatch latch = new CountDownLatch(1);
        waitingForClient = latch;
        watchdog.hold();
        try {
            events.onReady(latch::countDown);
            if (!aborted) { // an abort before the latch was published did not count it down
                latch.await();
            }
        } finally {
            waitingForClient = null;
            watchdog.release();
        }
        return !events.ended() && !aborted;
    }

    private void wake() {
        CountDownLatch latch = waitingForClient;
        if (latch != null) {
            latch.countDown();
        }
    }

    private void expired(Watchdog.Limit limit) {
        fail(ChatEvent.Failed.of(ErrorKind.TIMEOUT, limit == Watchdog.Limit.TOTAL
                ? name() + " did not finish within " + options.timeoutSeconds() + " s"
                : name() + " printed nothing for " + options.idleTimeoutSeconds() + " s"));
    }

    private String name() {
        return protocol.displayName();
    }
}
