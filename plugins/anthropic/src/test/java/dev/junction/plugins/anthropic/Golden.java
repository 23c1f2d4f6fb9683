package dev.junction.plugins.anthropic;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The golden fixtures under {@code src/test/resources/golden/}. */
final class Golden {

    private Golden() {}

    /** The files of {@code golden/<folder>} whose names end with {@code suffix}, sorted. */
    static List<Path> files(String folder, String suffix) {
        try (Stream<Path> files = Files.list(Path.of(Golden.class.getResource("/golden/" + folder).toURI()))) {
            List<Path> found = files.filter(path -> path.getFileName().toString().endsWith(suffix)).sorted().toList();
            if (found.isEmpty()) {
                throw new IllegalStateException("no golden/" + folder + "/*" + suffix);
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String resource(String name) {
        try {
            return read(Path.of(Golden.class.getResource("/golden/" + name).toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code json} as Jackson reads it back, so numbers compare by value whatever built them. */
    static JsonObject normalized(JsonObject json) {
        return new JsonObject(json.encode());
    }
}
