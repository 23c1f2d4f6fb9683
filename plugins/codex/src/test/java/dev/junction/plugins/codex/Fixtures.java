package dev.junction.plugins.codex;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The recorded Codex CLI 0.169.0 outputs under {@code src/test/resources/fixtures}. */
final class Fixtures {

    private Fixtures() {}

    /** The JSON lines of a fixture file. */
    static List<JsonObject> jsonLines(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank())
                    .map(JsonObject::new)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The message of the {@code turn.failed} line that ends an {@code exec --json} fixture. */
    static String turnFailedMessage(String name) {
        List<JsonObject> lines = jsonLines(name);
        JsonObject last = lines.get(lines.size() - 1);
        if (!"turn.failed".equals(last.getString("type"))) {
            throw new IllegalArgumentException(name + " does not end with turn.failed");
        }
        return last.getJsonObject("error").getString("message");
    }
}
