package dev.junction.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A private temporary folder for one run, deleted after it: the files written for the CLI to read
 * (images, a system prompt) and the folders of its {@link SealedRun} (home, working folder, temp).
 */
public final class TempFiles implements AutoCloseable {

    private Path dir;
    private int count;

    /** Writes base64 {@code data} to a new file whose name ends with {@code extension}. */
    public Path writeBase64(String data, String extension) {
        try {
            Path file = dir().resolve("input-" + (++count) + extension);
            Files.write(file, Base64.getMimeDecoder().decode(data));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The folder {@code name} of this run, created empty on first use. */
    public Path folder(String name) {
        try {
            return Files.createDirectories(dir().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path dir() throws IOException {
        if (dir == null) {
            dir = Files.createTempDirectory(
                    "junction-cli-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        return dir;
    }

    /** The file name extension for an image media type: {@code image/png} gives {@code .png}. */
    public static String extensionOf(String mediaType) {
        if (mediaType == null) {
            return ".bin";
        }
        return switch (mediaType) {
            case "image/jpeg", "image/jpg" -> ".jpg";
            case "image/png" -> ".png";
            case "image/gif" -> ".gif";
            case "image/webp" -> ".webp";
            default -> ".bin";
        };
    }

    @Override
    public void close() {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Best effort: the system cleans its temp folder.
        }
    }
}
