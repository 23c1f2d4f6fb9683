package dev.junction.gateway.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The live processes of the real CLIs a test started: every descendant of this JVM, and every
 * process on the machine whose command line names the CLI install folder and whose environment or
 * command line names the test's {@code scope} (its temporary folder, which the backends' {@code env}
 * options name): a CLI whose parent died is re-parented and is no descendant any more, and other
 * test runs may use the same install folder at the same time. Waiting uses the processes' exit
 * futures, not sleeps.
 */
final class CliProcesses {

    private static final Path PROC = Path.of("/proc");

    private CliProcesses() {}

    /** The live CLI processes of {@code scope}, except those in {@code ignored} (pids). */
    static List<ProcessHandle> alive(Path installDir, Path scope, Set<Long> ignored) {
        String dir = installDir.toString();
        String mark = scope.toAbsolutePath().toString();
        Map<Long, ProcessHandle> found = new LinkedHashMap<>();
        Stream.concat(
                        ProcessHandle.current().descendants(),
                        ProcessHandle.allProcesses().filter(p -> mentions(p, dir) && (mentions(p, mark) || inEnvironment(p, mark))))
                .filter(ProcessHandle::isAlive)
                .filter(p -> !ignored.contains(p.pid()))
                .forEach(p -> found.putIfAbsent(p.pid(), p));
        return List.copyOf(found.values());
    }

    /**
     * Waits until no CLI process of {@code scope} (but the {@code ignored}) is alive, or {@code timeout} passed.
     *
     * @return the processes still alive at the end: empty when all are gone
     */
    static List<ProcessHandle> awaitNone(Path installDir, Path scope, Set<Long> ignored, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ProcessHandle> alive = alive(installDir, scope, ignored);
        while (!alive.isEmpty() && System.nanoTime() < deadline) {
            CompletableFuture<?>[] exits = alive.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
            try {
                CompletableFuture.allOf(exits).get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // the last scan below reports who is left
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            alive = alive(installDir, scope, ignored);
        }
        return alive;
    }

    /** {@code pid parent command-line} for a failure message. */
    static String describe(ProcessHandle process) {
        ProcessHandle.Info info = process.info();
        return process.pid() + " (parent " + process.parent().map(p -> String.valueOf(p.pid())).orElse("?") + ") "
                + info.commandLine().orElse(info.command().orElse("?"));
    }

    private static boolean mentions(ProcessHandle process, String dir) {
        ProcessHandle.Info info = process.info();
        return info.commandLine().map(line -> line.contains(dir)).orElse(false)
                || info.command().map(command -> command.contains(dir)).orElse(false)
                || info.arguments().map(args -> Stream.of(args).anyMatch(arg -> arg.contains(dir))).orElse(false);
    }

    /** Whether {@code /proc/<pid>/environ} holds {@code text}; false where it cannot be read. */
    private static boolean inEnvironment(ProcessHandle process, String text) {
        try {
            byte[] environ = Files.readAllBytes(PROC.resolve(String.valueOf(process.pid())).resolve("environ"));
            return new String(environ, StandardCharsets.UTF_8).contains(text);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }
}
