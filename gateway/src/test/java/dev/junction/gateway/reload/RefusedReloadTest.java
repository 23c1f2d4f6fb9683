package dev.junction.gateway.reload;

import static dev.junction.gateway.reload.BackendReloadTest.reply;
import static dev.junction.gateway.reload.ReloadingGateway.EVERY_SECOND;
import static dev.junction.gateway.reload.ReloadingGateway.probe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.errors.NotFoundException;
import dev.junction.gateway.config.ReloadReport;
import dev.junction.gateway.support.TestGateway;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

/**
 * Edits that cannot apply are refused with one line naming the file and the problems, and the
 * configuration in force keeps serving; a later valid edit applies.
 */
@Timeout(60)
class RefusedReloadTest {

    private static final String ECHO = TestGateway.echoBackend();
    private static final String WITH_TICK = ECHO + probe("added", "[tick]", "new");

    @Test
    void malformed_yaml_is_refused_and_the_configuration_in_force_stays(@TempDir Path dir) throws Exception {
        try (ReloadingGateway gateway = ReloadingGateway.start(dir, ECHO)) {
            gateway.replace(gateway.yaml(EVERY_SECOND, "", WITH_TICK).replace("models: [tick]", "models: [tick"));

            ReloadReport refused = gateway.nextReport();

            assertThat(refused.level()).isEqualTo(Level.ERROR);
            assertThat(refused.message())
                    .startsWith("Reload of " + gateway.configFile() + " refused, the configuration in force stays: "
                            + "Malformed YAML in configuration file " + gateway.configFile())
                    .contains("line 13")
                    .doesNotContain("\n");
            assertServesOnlyEcho(gateway.openAi());
            appliesAValidEdit(gateway);
        }
    }

    @Test
    void an_invalid_configuration_is_refused_naming_each_path(@TempDir Path dir) throws Exception {
        try (ReloadingGateway gateway = ReloadingGateway.start(dir, ECHO)) {
            gateway.rewrite(ECHO + "  added:\n    plugin: 42\n    modles: [tick]\n");

            ReloadReport refused = gateway.nextReport();

            assertThat(refused.level()).isEqualTo(Level.ERROR);
            assertThat(refused.message())
                    .isEqualTo("Reload of " + gateway.configFile() + " refused, the configuration in force stays: "
                            + "backends.added.modles: unknown key; backends.added.plugin: must be a non-empty string; "
                            + "backends.added.models: required");
            assertServesOnlyEcho(gateway.openAi());
            appliesAValidEdit(gateway);
        }
    }

    @Test
    void a_file_written_in_place_applies(@TempDir Path dir) throws Exception {
        try (ReloadingGateway gateway = ReloadingGateway.start(dir, ECHO)) {
            Files.writeString(gateway.configFile(), gateway.yaml(EVERY_SECOND, "", WITH_TICK));

            assertThat(gateway.awaitApplied().message()).contains("backends added [added]");
            assertThat(reply(gateway.openAi(), "tick")).isEqualTo("new-start new-end");
        }
    }

    @Test
    void a_half_written_file_is_refused_until_it_is_complete(@TempDir Path dir) throws Exception {
        try (ReloadingGateway gateway = ReloadingGateway.start(dir, ECHO)) {
            byte[] whole = gateway.yaml(EVERY_SECOND, "", WITH_TICK).getBytes(StandardCharsets.UTF_8);
            int cut = new String(whole, StandardCharsets.UTF_8).indexOf("[tick]") + 3;

            try (OutputStream out = Files.newOutputStream(gateway.configFile())) {
                out.write(whole, 0, cut);
                out.flush();
                assertThat(gateway.nextReport().level()).as("the half-written file is refused").isEqualTo(Level.ERROR);
                assertServesOnlyEcho(gateway.openAi());
                out.write(whole, cut, whole.length - cut);
            }

            assertThat(gateway.awaitApplied().message()).contains("backends added [added]");
            assertThat(reply(gateway.openAi(), "tick")).isEqualTo("new-start new-end");
        }
    }

    @Test
    void a_removed_file_changes_nothing(@TempDir Path dir) throws Exception {
        try (ReloadingGateway gateway = ReloadingGateway.start(dir, ECHO)) {
            Files.delete(gateway.configFile());

            ReloadReport unreadable = gateway.nextReport();

            assertThat(unreadable.level()).isEqualTo(Level.WARN);
            assertThat(unreadable.message())
                    .isEqualTo("Cannot read configuration file " + gateway.configFile()
                            + ": file not found; the configuration in force stays");
            assertServesOnlyEcho(gateway.openAi());
            appliesAValidEdit(gateway);
        }
    }

    private static void assertServesOnlyEcho(OpenAIClient client) {
        assertThat(reply(client, "echo")).isEqualTo("echo");
        assertThatThrownBy(() -> reply(client, "tick")).isInstanceOf(NotFoundException.class);
    }

    private static void appliesAValidEdit(ReloadingGateway gateway) throws InterruptedException {
        gateway.rewrite(WITH_TICK);
        assertThat(gateway.awaitApplied().message()).contains("backends added [added]");
        assertThat(reply(gateway.openAi(), "tick")).isEqualTo("new-start new-end");
    }
}
