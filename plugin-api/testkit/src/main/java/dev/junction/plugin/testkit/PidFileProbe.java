package dev.junction.plugin.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link Scenario.StopProbe} for a backend that runs a process: the fake CLI of the scenario
 * writes its process id to a file ({@code echo $$ > "$DIR/pid"; ...; exec sleep 1000}), and the
 * backend has stopped its work once that process has exited.
 *
 * @since 1.0.0
 */
public final class PidFileProbe implements Scenario.StopProbe {

    private final Path pidFile;

    private PidFileProbe(Path pidFile) {
        this.pidFile = pidFile;
    }

    /** A probe of the process whose id {@code pidFile} holds (written before the process answers). */
    public static PidFileProbe of(Path pidFile) {
        return new PidFileProbe(pidFile);
    }

    @Override
    public boolean stoppedWithin(Duration window) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid());
        if (process.isEmpty()) {
            return true;
        }
        try {
            process.get().onExit().get(window.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new AssertionError("could not watch process " + process.get().pid(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted watching process " + process.get().pid(), e);
        }
    }

    private long pid() {
        try {
            return Long.parseLong(Files.readString(pidFile).strip());
        } catch (IOException | NumberFormatException e) {
            throw new AssertionError("the fake CLI wrote no process id to " + pidFile, e);
        }
    }
}
