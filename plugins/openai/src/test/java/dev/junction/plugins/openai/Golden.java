package dev.junction.plugins.openai;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The fixtures under {@code src/test/resources/golden}. */
final class Golden {

    private Golden() {}

    /** The text of {@code golden/<path>}. */
    static String text(String path) {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture golden/" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON object of {@code golden/<path>}. */
    static JsonObject json(String path) {
        return new JsonObject(text(path));
    }
}
