package dev.junction.cli;

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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A CLI process and everything it started, killed together: SIGTERM to all, then SIGKILL to the
 * survivors after a grace. The members are the process, its descendants, and on Linux every
 * process whose environment carries the run's marker variable, which finds children that outlived
 * their parent and were adopted by init (a {@code sleep 1000 &} of a shell that already exited).
 * A process that clears its environment and detaches escapes. Thread-safe.
 */
final class ProcessTree {

    /** The environment variable every process of a run inherits; its value is unique per run. */
    static final String MARKER_VARIABLE = "JUNCTION_CLI_RUN";

    private static final Path PROC = Path.of("/proc");
    private static final Duration KILL_WAIT = Duration.ofSeconds(1);

    private final Process root;
    private final String marker;
    private final Duration grace;
    private final ScheduledExecutorService scheduler;

    /**
     * @param markerValue the value of {@link #MARKER_VARIABLE} in the root's environment
     * @param scheduler where the SIGKILL of {@link #terminate} waits for its grace
     */
    ProcessTree(Process root, String markerValue, Duration grace, ScheduledExecutorService scheduler) {
        this.root = root;
        this.marker = MARKER_VARIABLE + "=" + markerValue;
        this.grace = grace;
        this.scheduler = scheduler;
    }

    /** Sends SIGTERM to every member now and SIGKILL to the survivors after the grace; returns at once. */
    void terminate() {
        Set<ProcessHandle> members = members();
        members.forEach(ProcessHandle::destroy);
        scheduler.schedule(() -> killSurvivors(members), grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Kills the tree and waits: SIGTERM to every member, SIGKILL to those alive after the grace,
     * then waits for the root process so that no zombie is left. Returns at once if all are gone.
     */
    void destroy() {
        Set<ProcessHandle> members = members();
        members.forEach(ProcessHandle::destroy);
        if (!awaitExit(members, grace)) {
            awaitExit(killSurvivors(members), KILL_WAIT);
        }
        try {
            root.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The live members now: the root, its descendants, and the processes carrying the marker. */
    Set<ProcessHandle> members() {
        Set<ProcessHandle> members = new LinkedHashSet<>();
        ProcessHandle handle = root.toHandle();
        if (handle.isAlive()) {
            members.add(handle);
        }
        handle.descendants().forEach(members::add);
        addMarked(members);
        return members;
    }

    private Set<ProcessHandle> killSurvivors(Set<ProcessHandle> earlier) {
        Set<ProcessHandle> survivors = new LinkedHashSet<>(earlier);
        survivors.addAll(members());
        survivors.removeIf(process -> !process.isAlive());
        survivors.forEach(ProcessHandle::destroyForcibly);
        return survivors;
    }

    private static boolean awaitExit(Set<ProcessHandle> processes, Duration timeout) {
        try {
            CompletableFuture.allOf(processes.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void addMarked(Set<ProcessHandle> members) {
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path entry : entries) {
                long pid = Long.parseLong(entry.getFileName().toString());
                if (pid != self && carriesMarker(entry.resolve("environ"))) {
                    ProcessHandle.of(pid).ifPresent(members::add);
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            // No /proc (not Linux): the descendants are all we can find.
        }
    }

    private boolean carriesMarker(Path environ) {
        try {
            // NUL-separated NAME=value entries; the marker's value is a UUID, so a plain search is exact enough.
            return new String(Files.readAllBytes(environ), StandardCharsets.ISO_8859_1).contains(marker);
        } catch (IOException e) {
            return false; // gone, or another user's process
        }
    }
}
