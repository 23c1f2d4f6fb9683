package dev.junction.gateway.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The {@code *.jar} files of the plugin folder as successive {@link #scan scans} see them: which
 * are ready to load (new or changed since they were last reported, and settled) and which left. A
 * file is settled when its size, modification time and identity did not change since the previous
 * scan, so a JAR still being copied is not reported until the copy is over (on the first scan every
 * file counts as settled). Does file I/O; one thread at a time.
 */
final class PluginFolder {

    /** A file's state as a scan sees it: two equal signatures mean it did not change in between. */
    private record Signature(long size, FileTime modified, Object key) {}

    /** What changed since the last scan: the files to (re)load, in name order, and those that left. */
    record Changes(List<Path> ready, List<Path> removed) {

        boolean isEmpty() {
            return ready.isEmpty() && removed.isEmpty();
        }
    }

    private final Path dir;
    private final Map<Path, Signature> reported = new HashMap<>();
    private Map<Path, Signature> previous;

    PluginFolder(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    /**
     * Looks at the folder once.
     *
     * @param settledOnly whether a new or changed file must be settled to be ready; when not, every
     *     new or changed file is
     */
    Changes scan(boolean settledOnly) throws IOException {
        Map<Path, Signature> now = list();
        List<Path> ready = new ArrayList<>();
        now.forEach((file, signature) -> {
            boolean settled = !settledOnly || previous == null || signature.equals(previous.get(file));
            if (settled && !signature.equals(reported.get(file))) {
                reported.put(file, signature);
                ready.add(file);
            }
        });
        List<Path> removed = reported.keySet().stream().filter(file -> !now.containsKey(file)).sorted().toList();
        removed.forEach(reported::remove);
        previous = now;
        return new Changes(ready, removed);
    }

    /** Reports {@code file} as ready again at the next scan that finds it settled. */
    void forget(Path file) {
        reported.remove(file);
    }

    private Map<Path, Signature> list() throws IOException {
        Map<Path, Signature> files = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> listing = Files.list(dir)) {
            for (Path file : (Iterable<Path>) listing.filter(PluginFolder::isJar)::iterator) {
                signature(file).ifPresent(signature -> files.put(file, signature));
            }
        }
        return files;
    }

    private static boolean isJar(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".jar") && !name.startsWith(".");
    }

    /** Empty when the file left, or is no regular file. */
    private static Optional<Signature> signature(Path file) throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.isRegularFile()
                    ? Optional.of(new Signature(
                            attributes.size(), attributes.lastModifiedTime(), Objects.requireNonNullElse(attributes.fileKey(), "")))
                    : Optional.empty();
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        }
    }
}
