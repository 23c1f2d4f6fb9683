package dev.junction.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Finds a CLI's executable the way a shell would: a command with a slash is a path (relative to
 * the working directory), any other is looked up in the directories of {@code PATH}. The lookup is
 * done here rather than by {@link ProcessBuilder}, which searches the gateway's {@code PATH} even
 * when the child's environment sets another. An instance caches its answer briefly, for
 * {@code /health}. Thread-safe.
 */
final class CommandLookup {

    private static final Duration CACHE_FOR = Duration.ofSeconds(5);

    private final String command;
    private final String path;
    private final Path workingDirectory;
    private volatile Answer cached;

    private record Answer(Optional<Path> executable, long atNanos) {}

    /**
     * @param path the {@code PATH} to search, or {@code null} for none
     * @param workingDirectory where relative paths start, or {@code null} for the gateway's
     */
    CommandLookup(String command, String path, Path workingDirectory) {
        this.command = command;
        this.path = path;
        this.workingDirectory = workingDirectory;
    }

    /** The executable, from a lookup at most a few seconds old. */
    Optional<Path> executable() {
        Answer answer = cached;
        if (answer == null || System.nanoTime() - answer.atNanos() > CACHE_FOR.toNanos()) {
            answer = new Answer(find(command, path, workingDirectory), System.nanoTime());
            cached = answer;
        }
        return answer.executable();
    }

    /**
     * The absolute path of the executable {@code command} names, or empty when there is none.
     *
     * @param path the {@code PATH} to search, or {@code null} for none
     * @param workingDirectory where relative paths start, or {@code null} for the gateway's
     */
    static Optional<Path> find(String command, String path, Path workingDirectory) {
        Path base = (workingDirectory == null ? Path.of("") : workingDirectory).toAbsolutePath();
        if (command.contains("/")) {
            return executable(base.resolve(command));
        }
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator, -1)) {
            Optional<Path> found = executable(Path.of(directory.isEmpty() ? "." : directory).toAbsolutePath().resolve(command));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> executable(Path candidate) {
        return Files.isRegularFile(candidate) && Files.isExecutable(candidate)
                ? Optional.of(candidate.normalize())
                : Optional.empty();
    }
}
