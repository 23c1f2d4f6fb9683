package dev.junction.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.plugin.ChatEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Golden files: the fixtures under {@code src/test/resources/golden/}, read from the test class
 * path, and comparisons against them. JSON compares canonically (key order aside, numbers by
 * value) and fails with both sides pretty-printed; event lists are written as {@link CanonicalJson}
 * does, one event per line. Run the tests with {@code -Djunction.golden.update=true} to rewrite the
 * files under {@code src/test/resources/golden/} (of the module the tests run in) with what the
 * code gives instead of comparing; review the diff before committing it.
 *
 * @since 1.0.0
 */
public final class Golden {

    /** The system property that makes the {@code assert} methods rewrite the files. */
    public static final String UPDATE = "junction.golden.update";

    private static final String ROOT = "golden/";

    private Golden() {}

    /** The text of {@code golden/<path>}. */
    public static String text(String path) {
        try (InputStream in = Golden.class.getClassLoader().getResourceAsStream(ROOT + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no golden file " + ROOT + path + " on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON object of {@code golden/<path>}. */
    public static JsonObject json(String path) {
        return new JsonObject(text(path));
    }

    /** The names of the files in {@code golden/<folder>} that end with {@code suffix}, sorted; at least one. */
    public static List<String> names(String folder, String suffix) {
        URL url = Golden.class.getClassLoader().getResource(ROOT + folder);
        if (url == null) {
            throw new IllegalArgumentException("no golden folder " + ROOT + folder + " on the test class path");
        }
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            List<String> names = files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(suffix))
                    .sorted()
                    .toList();
            assertThat(names).as("golden files %s%s/*%s", ROOT, folder, suffix).isNotEmpty();
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Asserts that {@code actual} is the JSON of {@code golden/<path>}, key order aside. */
    public static void assertJson(String path, JsonObject actual) {
        compare(path, canonical(actual), () -> canonical(json(path)));
    }

    /** Asserts that {@code actual} is the JSON array of {@code golden/<path>}, key order aside. */
    public static void assertJson(String path, JsonArray actual) {
        compare(path, canonical(actual), () -> canonical(new JsonArray(text(path))));
    }

    /**
     * Asserts that {@code actual} is the value at {@code field} of the JSON object in
     * {@code golden/<path>}, a dotted path of keys ({@code "upstream.body"}), key order aside. For
     * fixtures that hold the input and the expected output side by side.
     */
    public static void assertJson(String path, String field, Object actual) {
        Object canonical = canonical(actual);
        if (updating()) {
            JsonObject whole = json(path);
            String[] keys = field.split("\\.");
            JsonObject parent = whole;
            for (int i = 0; i < keys.length - 1; i++) {
                parent = parent.getJsonObject(keys[i]);
            }
            parent.put(keys[keys.length - 1], canonical);
            write(path, whole.encodePrettily() + "\n");
            return;
        }
        Object expected = json(path);
        for (String key : field.split("\\.")) {
            expected = expected instanceof JsonObject object ? object.getValue(key) : null;
        }
        assertThat(pretty(canonical))
                .as("%s%s at %s", ROOT, path, field)
                .isEqualTo(pretty(canonical(expected)));
    }

    /**
     * Asserts that {@code events} are exactly those of {@code golden/<path>}: a JSON array with one
     * object per event, as {@link CanonicalJson#event} writes it.
     */
    public static void assertEvents(String path, List<ChatEvent> events) {
        List<String> actual = events.stream()
                .map(event -> canonical(CanonicalJson.event(event)).toString())
                .toList();
        if (updating()) {
            List<String> lines = events.stream().map(event -> CanonicalJson.event(event).encode()).toList();
            write(path, lines.stream().collect(Collectors.joining(",\n  ", "[\n  ", "\n]\n")));
            return;
        }
        List<String> expected = new JsonArray(text(path)).stream()
                .map(event -> canonical(event).toString())
                .toList();
        assertThat(actual).as("%s%s", ROOT, path).containsExactlyElementsOf(expected);
    }

    /** {@code value} with its objects' keys sorted and its numbers as JSON reads them back. */
    public static Object canonical(Object value) {
        if (value instanceof JsonObject object) {
            JsonObject sorted = new JsonObject();
            object.fieldNames().stream().sorted().forEach(key -> sorted.put(key, canonical(object.getValue(key))));
            return new JsonObject(sorted.encode());
        }
        if (value instanceof JsonArray array) {
            JsonArray sorted = new JsonArray();
            array.forEach(item -> sorted.add(canonical(item)));
            return new JsonArray(sorted.encode());
        }
        return value;
    }

    private static void compare(String path, Object actual, Supplier<Object> expected) {
        if (updating()) {
            write(path, pretty(actual) + "\n");
            return;
        }
        assertThat(pretty(actual)).as("%s%s", ROOT, path).isEqualTo(pretty(expected.get()));
    }

    private static String pretty(Object value) {
        if (value instanceof JsonObject object) {
            return object.encodePrettily();
        }
        if (value instanceof JsonArray array) {
            return array.encodePrettily();
        }
        return String.valueOf(value);
    }

    private static boolean updating() {
        return Boolean.getBoolean(UPDATE);
    }

    /** Rewrites the source file of {@code golden/<path>} in the module the tests run in. */
    private static void write(String path, String content) {
        Path file = Path.of("src", "test", "resources", "golden").resolve(path);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
