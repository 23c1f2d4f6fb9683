package dev.junction.plugins.geminicli;

import dev.junction.cli.TempFiles;
import dev.junction.plugin.ContentPart;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The files of one run, all in the run's private temporary folder ({@link TempFiles}, deleted after
 * the run): the settings file in the run's sealed home, the system prompt, and the images (in a
 * folder of their own, the only one added to the CLI's workspace).
 */
final class GeminiFiles {

    private GeminiFiles() {}

    /** Writes {@code settings} to {@code .gemini/settings.json} of the run's sealed home; returns the file. */
    static Path settings(TempFiles files, JsonObject settings) {
        Path written = text(files, settings.encodePrettily(), ".json");
        return move(written, files.folder("home").resolve(".gemini"), "settings.json");
    }

    /** A file holding {@code text} as UTF-8. */
    static Path text(TempFiles files, String text, String extension) {
        return files.writeBase64(Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)), extension);
    }

    /** One file per inline image, in order, in a folder named {@code images}. */
    static List<Path> images(TempFiles files, List<ContentPart.Image> images) {
        List<Path> paths = new ArrayList<>();
        for (ContentPart.Image image : images) {
            Path written = files.writeBase64(image.data(), TempFiles.extensionOf(image.mediaType()));
            paths.add(move(written, written.resolveSibling("images"), written.getFileName().toString()));
        }
        return paths;
    }

    private static Path move(Path file, Path folder, String name) {
        try {
            Files.createDirectories(folder);
            return Files.move(file, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
