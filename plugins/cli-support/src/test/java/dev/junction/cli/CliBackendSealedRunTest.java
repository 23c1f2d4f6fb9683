package dev.junction.cli;

import static dev.junction.cli.FakeCli.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.plugin.testkit.RecordingSink;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each run's folders are of the gateway's making: the fake CLI reports the folders it got, then
 * changes its settings, its home and its working folder, as a {@code /config} prompt would make a
 * real CLI do; none of it may reach the operator's {@code HOME}, the gateway's folder or the next run.
 */
@Timeout(30)
class CliBackendSealedRunTest {

    private final FakeCli cli = new FakeCli();
    private final Path gatewayFolder = Path.of("").toAbsolutePath();

    @TempDir
    Path operatorHome;

    @TempDir
    Path login;

    @AfterEach
    void close() {
        cli.close();
    }

    @Test
    void runs_in_a_fresh_home_and_empty_folder_that_leave_nothing_behind() throws IOException {
        Files.writeString(login.resolve("credentials.json"), "{\"token\":\"t\"}");
        Files.createDirectories(login.resolve("sessions"));
        CliBackend backend = cli.backend("sealed", new JsonObject()
                .put("env", new JsonObject().put("HOME", operatorHome.toString()).put("FAKE_CLI_HOME", operatorHome.toString()))
                .put("configFrom", login.toString()));

        Map<String, String> first = run(backend);
        Map<String, String> second = run(backend);

        for (Map<String, String> run : List.of(first, second)) {
            Path home = Path.of(run.get("home"));
            assertThat(home).isNotEqualTo(operatorHome).doesNotExist();
            assertThat(run.get("config")).isEqualTo(home.resolve(".fake-cli").toString());
            assertThat(run.get("tmp")).isEqualTo(home.resolveSibling("tmp").toString());
            assertThat(Path.of(run.get("pwd"))).isNotEqualTo(gatewayFolder).isEqualTo(home.resolveSibling("work"));
            assertThat(run.get("config-files")).as("the login's files, not its folders").isEqualTo("credentials.json,");
            assertThat(run.get("pwd-files")).as("the working folder at start").isEmpty();
        }
        assertThat(first.get("home")).isNotEqualTo(second.get("home"));
        assertThat(names(operatorHome)).isEmpty();
        assertThat(names(login)).containsExactlyInAnyOrder("credentials.json", "sessions");
        assertThat(gatewayFolder.resolve("settings.local.json")).doesNotExist();
    }

    @Test
    void runs_in_the_working_directory_the_backend_names(@TempDir Path work) {
        Map<String, String> run = run(cli.backend("sealed", new JsonObject().put("workingDirectory", work.toString())));

        assertThat(run.get("pwd")).isEqualTo(work.toString());
        assertThat(work.resolve("settings.local.json")).exists();
    }

    /** The fields of the fake CLI's report: {@code home=/tmp/...|pwd=...}. */
    private static Map<String, String> run(CliBackend backend) {
        RecordingSink sink = new RecordingSink();
        backend.chat(request("hi"), sink);
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : sink.text().split("\\|")) {
            int equals = field.indexOf('=');
            fields.put(field.substring(0, equals), field.substring(equals + 1));
        }
        return fields;
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(entry -> entry.getFileName().toString()).toList();
        }
    }
}
