package dev.junction.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The folders one run of a CLI may change, all of the gateway's making and deleted after the run
 * with its {@link TempFiles}: a fresh home ({@code HOME}, and the CLI's own configuration variable
 * pointing inside it), a temp folder ({@code TMPDIR}), and, when the backend names no
 * {@code workingDirectory}, an empty working folder. So a run cannot change what the next run
 * sees: settings a prompt makes the CLI write go away with the run, and nothing lands in the
 * gateway's own folder or the gateway user's home.
 *
 * <p>{@link CliOptions#configFrom()}, when set, names a folder whose files (not its subfolders) are
 * copied into the CLI's configuration folder of each run's home: how a login made once with the
 * real CLI keeps working. The copy is the run's; the source is only read.
 *
 * @param workingDirectory where the CLI runs
 * @param environment the variables that point the CLI at these folders; they win over
 *     {@link CliOptions#env()} and the run's own
 */
public record SealedRun(Path workingDirectory, Map<String, String> environment) {

    public SealedRun {
        environment = Map.copyOf(environment);
    }

    /**
     * Makes the folders of one run in {@code files}.
     *
     * @throws UncheckedIOException when a folder cannot be made or {@code configFrom} cannot be read
     */
    public static SealedRun in(TempFiles files, CliProtocol protocol, CliOptions options) {
        Path home = files.folder("home");
        Path tmp = files.folder("tmp");
        Path config = files.folder("home/" + protocol.configFolder());
        if (options.configFrom() != null) {
            copyFiles(options.configFrom(), config);
        }
        Path workingDirectory = options.workingDirectory() != null ? options.workingDirectory() : files.folder("work");
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("HOME", home.toString());
        environment.put("TMPDIR", tmp.toString());
        environment.putAll(protocol.homeEnvironment(home));
        return new SealedRun(workingDirectory, environment);
    }

    private static void copyFiles(Path source, Path target) {
        try (Stream<Path> entries = Files.list(source)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                if (Files.isRegularFile(entry)) {
                    Files.copy(entry, target.resolve(entry.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("options.configFrom: cannot copy " + source, e);
        }
    }
}
