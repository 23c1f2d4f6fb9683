package dev.junction.gateway.backend;

import static dev.junction.gateway.backend.HotPluginGateway.awaitTrue;
import static dev.junction.gateway.backend.HotPluginGateway.hotJar;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.support.LogTap;
import dev.junction.gateway.support.PluginJar;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A broken JAR dropped into a running gateway's folder is listed in {@code /health} with its file
 * name, state and reason, is logged once (a WARN, not one per scan), and changes nothing else: the
 * other plugins keep serving.
 */
@Timeout(120)
class BrokenPluginJarsTest {

    /** How long the log is watched for a broken JAR reported again. */
    private static final Duration SCANS_WATCHED = Duration.ofSeconds(1);

    @TempDir
    static Path dir;

    private static HotPluginGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = HotPluginGateway.start(dir);
        hotJar("hot", "1.0.0", "serving").write(gateway.plugins().resolve("hot.jar"));
        gateway.awaitReply("hot", "hi", "serving");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    static Stream<Arguments> brokenJars() {
        return Stream.of(
                broken("not-a-zip", jar -> write(jar, "this is not a zip file"), null, "failed", "not a readable JAR (zip) file"),
                broken("no-descriptor", jar -> PluginJar.plugin(null).extension(HotBackendFactory.class.getName())
                        .classes(HotBackendFactory.class).write(jar), null, "failed", "no valid plugin descriptor"),
                broken("bad-requires", jar -> hotJar("bad-requires", "1.0.0", "x").requires("not a range").write(jar),
                        null, "failed", "no valid plugin descriptor"),
                broken("missing-class", jar -> PluginJar.plugin("missing-class")
                        .extension("com.example.NotInTheJar").write(jar),
                        "missing-class", "failed", "its extension com.example.NotInTheJar cannot be loaded"),
                broken("no-extension", jar -> PluginJar.plugin("no-extension")
                        .classes(HotBackendFactory.class).write(jar),
                        "no-extension", "failed", "it provides no BackendFactory extension"),
                broken("other-api", jar -> hotJar("other-api", "1.0.0", "x").requires(">=99.0.0").write(jar),
                        "other-api", "disabled", "it requires plugin API >=99.0.0, this gateway offers "),
                broken("throwing-factory", jar -> PluginJar.plugin("throwing-factory")
                        .extension(ThrowingBackendFactory.class.getName())
                        .classes(ThrowingBackendFactory.class).write(jar),
                        "throwing-factory", "failed", "could not be made: java.lang.IllegalStateException: this factory needs a licence file"));
    }

    private static Arguments broken(String name, Consumer<Path> writer, String id, String state, String reason) {
        return Arguments.of(name, writer, id, state, reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenJars")
    void a_broken_jar_is_listed_with_its_reason_and_changes_nothing_else(
            String name, Consumer<Path> writer, String id, String state, String reason) throws Exception {
        String file = name + ".jar";
        String logged = "Plugin JAR " + gateway.plugins().resolve(file) + " is not loaded: ";
        try (LogTap log = LogTap.install()) {
            writer.accept(gateway.plugins().resolve(file));

            awaitTrue(file + " listed", () -> gateway.lists(file));
            JsonObject entry = gateway.plugin(file, state).orElseThrow(() -> new AssertionError(gateway.health().encodePrettily()));
            assertThat(entry.getString("id")).isEqualTo(id);
            assertThat(entry.getString("error")).contains(reason);
            Thread.sleep(SCANS_WATCHED.toMillis()); // the folder is scanned every 100 ms: ten scans more
            assertThat(log.textOnce(logged, SCANS_WATCHED).split(Pattern.quote(logged), -1))
                    .as("WARN lines for %s", file)
                    .hasSize(2);
        }
        assertThat(gateway.reply("hot", "hi")).isEqualTo("serving");
        assertThat(gateway.reply("echo", "still here")).isEqualTo("still here");
        assertThat(gateway.plugin("hot.jar", "started")).isPresent();

        Files.delete(gateway.plugins().resolve(file));
        awaitTrue(file + " no longer listed", () -> !gateway.lists(file));
    }

    @Test
    void a_broken_new_version_leaves_the_loaded_one_serving() {
        hotJar("hot", "2.0.0", "broken").requires(">=99.0.0").write(gateway.plugins().resolve("hot.jar"));

        awaitTrue("the new version refused", () -> gateway.plugin("hot.jar", "disabled").isPresent());
        assertThat(gateway.reply("hot", "hi")).isEqualTo("serving");
        assertThat(gateway.plugin("hot.jar", "started").orElseThrow().getString("version")).isEqualTo("1.0.0");
        assertThat(gateway.health().getJsonObject("backends").getJsonObject("hot").getString("status")).isEqualTo("available");
    }

    private static void write(Path jar, String text) {
        try {
            Files.writeString(jar, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
