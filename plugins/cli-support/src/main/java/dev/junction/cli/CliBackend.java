package dev.junction.cli;

import dev.junction.plugin.Availability;
import dev.junction.plugin.Backend;
import dev.junction.plugin.BackendContext;
import dev.junction.plugin.BackendException;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ChatSink;
import dev.junction.plugin.ErrorKind;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Backend} that answers each request by running a coding-agent CLI, as its
 * {@link CliProtocol} describes.
 *
 * <p>Threading: {@link #blocking()} is true; {@link #chat} blocks its worker thread for the whole
 * run (reading the CLI's stdout on it is the backpressure) and may be called concurrently. At most
 * {@link CliOptions#maxConcurrency()} runs go at once and {@link CliOptions#maxQueue()} requests
 * wait; the others fail at once with {@link ErrorKind#RATE_LIMITED}.
 *
 * <p>Failure modes, each a terminal {@link ChatEvent.Failed}: the CLI is missing
 * ({@link ErrorKind#UNAVAILABLE}, with the install hint); the run exceeds its total or idle time
 * ({@link ErrorKind#TIMEOUT}); the CLI prints a line over 16 MiB ({@link ErrorKind#UPSTREAM}); it
 * exits without a result (whatever {@link CliRun#onExit} says); the gateway shuts down
 * ({@link ErrorKind#UNAVAILABLE}); anything unexpected ({@link ErrorKind#INTERNAL}). In every case,
 * cancellation included, the CLI's whole process tree is killed before {@code chat} returns; on
 * Linux that includes orphaned children, found by the variable {@code JUNCTION_CLI_RUN} that every
 * process of a run inherits.
 *
 * <p>Its timers (time limits, the kill of process trees) and its threads beside a request's own
 * (copying stdin, draining stderr) are the {@link BackendContext}'s: the backend starts none of its
 * own, so nothing of it outlives its retirement.
 */
public final class CliBackend implements Backend {

    private static final Integer RETRY_AFTER_SECONDS = 1;
    private static final long CLOSE_WAIT_SECONDS = 10;

    private final CliProtocol protocol;
    private final CliOptions options;
    private final BackendContext context;
    private final ConcurrencyGate gate;
    private final CommandLookup lookup;
    private final Set<CliExecution> live = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** @param context the host's context of this backend, whose timers and workers the runs use */
    public CliBackend(CliProtocol protocol, CliOptions options, BackendContext context) {
        this.protocol = protocol;
        this.options = options;
        this.context = context;
        this.gate = new ConcurrencyGate(options.maxConcurrency(), options.maxQueue());
        this.lookup = new CommandLookup(
                options.command(),
                options.env().getOrDefault("PATH", System.getenv("PATH")),
                options.workingDirectory());
    }

    @Override
    public boolean blocking() {
        return true;
    }

    @Override
    public void chat(ChatRequest request, ChatSink sink) {
        if (closed) {
            sink.emit(shuttingDown());
            return;
        }
        try {
            Transcript.refuseDocuments(request, protocol.displayName());
        } catch (BackendException e) {
            sink.emit(e.toEvent()); // before the queue: a request no run can serve takes no place in it
            return;
        }
        Optional<ConcurrencyGate.Pass> entry = gate.tryEnter();
        if (entry.isEmpty()) {
            sink.emit(new ChatEvent.Failed(ErrorKind.RATE_LIMITED, protocol.displayName() + " is busy: "
                    + gate.running() + " runs and " + gate.waiting() + " waiting", RETRY_AFTER_SECONDS));
            return;
        }
        try (ConcurrencyGate.Pass pass = entry.get()) {
            sink.onCancel(pass::leave);
            if (pass.await() && !sink.cancelled()) {
                serve(request, sink);
            } else if (closed) {
                sink.emit(shuttingDown());
            }
        }
    }

    @Override
    public Future<List<String>> models() {
        return Future.succeededFuture(options.aliases());
    }

    @Override
    public Availability availability() {
        return lookup.executable().isPresent()
                ? Availability.AVAILABLE
                : Availability.unavailable("'" + options.command() + "' not found on PATH; install with: "
                        + protocol.installHint());
    }

    /**
     * Refuses new requests, fails the waiting and running ones, and kills every CLI process tree;
     * completes once every run has ended, or after 10 s.
     */
    @Override
    public Future<Void> close() {
        closed = true;
        gate.close();
        List<CompletableFuture<Void>> runs = new ArrayList<>();
        for (CliExecution execution : live) {
            execution.fail(shuttingDown());
            runs.add(execution.done());
        }
        if (runs.isEmpty()) {
            return Future.succeededFuture();
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new));
        ScheduledFuture<?> giveUp = context.timers().schedule(() -> all.complete(null), CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        all.whenComplete((done, failure) -> giveUp.cancel(false));
        return Future.fromCompletionStage(all);
    }

    /** The failure of a request whose CLI is missing. */
    static ChatEvent.Failed notInstalled(CliProtocol protocol, CliOptions options) {
        return ChatEvent.Failed.of(ErrorKind.UNAVAILABLE, protocol.displayName() + " is not installed: '"
                + options.command() + "' was not found. Install it with: " + protocol.installHint());
    }

    private void serve(ChatRequest request, ChatSink sink) {
        try (TempFiles files = new TempFiles()) {
            SealedRun sealed;
            CliRun run;
            try {
                sealed = SealedRun.in(files, protocol, options);
                run = protocol.prepare(request, options, files);
            } catch (BackendException e) {
                sink.emit(e.toEvent());
                return;
            } catch (RuntimeException e) {
                sink.emit(ChatEvent.Failed.of(ErrorKind.INTERNAL, protocol.displayName() + " could not be prepared: " + e));
                return;
            }
            CliExecution execution = new CliExecution(protocol, options, context, sealed, run, sink);
            live.add(execution);
            try {
                if (closed) {
                    execution.fail(shuttingDown()); // close() ran before this run was listed
                }
                sink.onCancel(execution::cancel);
                execution.run();
            } finally {
                live.remove(execution);
            }
        }
    }

    private ChatEvent.Failed shuttingDown() {
        return ChatEvent.Failed.of(ErrorKind.UNAVAILABLE, protocol.displayName() + " stopped: gateway shutting down");
    }
}
