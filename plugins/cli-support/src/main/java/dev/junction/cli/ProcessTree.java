package dev.junction.cli;

import dev.junction.plugin.BackendContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A CLI process and everything it started, killed together: SIGTERM to all, then SIGKILL to the
 * survivors after a grace.
 *
 * <p>The members are the process, its descendants, and on Linux every process whose environment
 * carries the run's marker variable, which finds children that outlived their parent and were
 * adopted by init (a {@code sleep 1000 &} of a shell that already exited). A process that clears
 * its environment and detaches escapes. A zombie counts as gone: it holds no pipe and no memory,
 * and reaping an orphan is init's job, which some container inits do late or never.
 *
 * <p>Thread-safe. Timed work (the SIGKILL after the grace, polling for exits) runs on the backend's
 * timer thread ({@link BackendContext#timers()}); once the backend has retired and its timers are
 * stopped, the survivors are killed at once instead of after the grace.
 */
final class ProcessTree {

    /** The environment variable every process of a run inherits; its value is unique per run. */
    static final String MARKER_VARIABLE = "JUNCTION_CLI_RUN";

    private static final Path PROC = Path.of("/proc");
    private static final Duration KILL_WAIT = Duration.ofSeconds(1);
    private static final long POLL_MILLIS = 50;

    private final Process root;
    private final String marker;
    private final Duration grace;
    private final BackendContext context;
    private final Set<ProcessHandle> seen = ConcurrentHashMap.newKeySet();

    /**
     * @param markerValue the value of {@link #MARKER_VARIABLE} in the root's environment
     * @param context whose timer thread waits for the grace of the SIGKILL and polls for exits
     */
    ProcessTree(Process root, String markerValue, Duration grace, BackendContext context) {
        this.root = root;
        this.marker = MARKER_VARIABLE + "=" + markerValue;
        this.grace = grace;
        this.context = context;
    }

    /** Sends SIGTERM to every member now and SIGKILL to the survivors after the grace; returns at once. */
    void terminate() {
        Set<ProcessHandle> members = members();
        if (!members.isEmpty()) {
            members.forEach(ProcessHandle::destroy);
            try {
                context.timers().schedule(this::killSurvivors, grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                killSurvivors(); // the backend has retired: no grace
            }
        }
    }

    /**
     * Kills the tree and waits: SIGTERM to every member, SIGKILL to those alive after the grace,
     * then waits for the root process so that it leaves no zombie. Returns soon if all are gone.
     */
    void destroy() {
        Set<ProcessHandle> members = members();
        members.forEach(ProcessHandle::destroy);
        if (!awaitGone(members, grace)) {
            awaitGone(killSurvivors(), KILL_WAIT);
        }
        try {
            root.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The members still running: the root, its descendants and the processes carrying the marker
     * now, and every member found before. Remembering matters: a dying process has already lost its
     * environment and its parent while it still runs, so a fresh look would miss it.
     */
    private Set<ProcessHandle> members() {
        ProcessHandle handle = root.toHandle();
        seen.add(handle);
        handle.descendants().forEach(seen::add);
        addMarked();
        seen.removeIf(ProcessTree::gone);
        return new LinkedHashSet<>(seen);
    }

    private Set<ProcessHandle> killSurvivors() {
        Set<ProcessHandle> survivors = members();
        survivors.forEach(ProcessHandle::destroyForcibly);
        return survivors;
    }

    private boolean awaitGone(Set<ProcessHandle> processes, Duration timeout) {
        CompletableFuture<Void> allGone = new CompletableFuture<>();
        ScheduledFuture<?> poll;
        try {
            poll = context.timers().scheduleWithFixedDelay(
                    () -> {
                        if (processes.stream().allMatch(ProcessTree::gone)) {
                            allGone.complete(null);
                        }
                    },
                    0,
                    POLL_MILLIS,
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return processes.stream().allMatch(ProcessTree::gone); // the backend has retired: no waiting
        }
        try {
            allGone.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            poll.cancel(false);
        }
    }

    /** Whether a process has exited, zombies included. */
    private static boolean gone(ProcessHandle process) {
        if (!process.isAlive()) {
            return true;
        }
        try {
            // "pid (command) state ...": the command may hold spaces and parentheses, the state follows the last ')'.
            String stat = Files.readString(PROC.resolve(process.pid() + "/stat"), StandardCharsets.ISO_8859_1);
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state == 'Z' || state == 'X';
        } catch (IOException | RuntimeException e) {
            return !process.isAlive(); // vanished meanwhile, or no /proc (not Linux)
        }
    }

    private void addMarked() {
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path entry : entries) {
                long pid = Long.parseLong(entry.getFileName().toString());
                if (pid != self && carriesMarker(entry.resolve("environ"))) {
                    ProcessHandle.of(pid).ifPresent(seen::add);
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            // No /proc (not Linux): the descendants are all we can find.
        }
    }

    private boolean carriesMarker(Path environ) {
        try {
            // NUL-separated NAME=value entries; the value is a UUID, so a plain search is exact enough.
            return new String(Files.readAllBytes(environ), StandardCharsets.ISO_8859_1).contains(marker);
        } catch (IOException e) {
            return false; // gone, or another user's process
        }
    }
}
