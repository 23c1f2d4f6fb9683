package dev.junction.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.plugin.BackendException;
import dev.junction.plugin.ErrorKind;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class CliOptionsTest {

    private final FakeCliProtocol protocol = new FakeCliProtocol();

    @Test
    void defaults_to_the_protocols_command_and_model_map_and_safe_limits() {
        CliOptions options = CliOptions.parse(new JsonObject(), protocol);

        assertThat(options.command()).isEqualTo("fake-cli");
        assertThat(options.args()).isEmpty();
        assertThat(options.env()).isEmpty();
        assertThat(options.workingDirectory()).isNull();
        assertThat(options.configFrom()).isNull();
        assertThat(options.timeoutSeconds()).isEqualTo(600);
        assertThat(options.idleTimeoutSeconds()).isEqualTo(120);
        assertThat(options.maxConcurrency()).isEqualTo(4);
        assertThat(options.maxQueue()).isEqualTo(16);
        assertThat(options.modelMap()).isEqualTo(Map.of("fake", ""));
    }

    @Test
    void reads_every_common_option() {
        JsonObject raw = new JsonObject()
                .put("command", "/opt/fake/bin/fake")
                .put("args", new JsonArray().add("--verbose"))
                .put("env", new JsonObject().put("FAKE_BASE_URL", "http://127.0.0.1:9").put("FAKE_RETRIES", 0).put("FAKE_DEBUG", true))
                .put("workingDirectory", "/srv/work")
                .put("configFrom", System.getProperty("java.io.tmpdir"))
                .put("timeoutSeconds", 30)
                .put("idleTimeoutSeconds", 10.0)
                .put("maxConcurrency", 2)
                .put("maxQueue", 0)
                .put("modelMap", new JsonObject().put("fast", "fake-mini"))
                .put("fakeOption", "the plugin's own");

        CliOptions options = CliOptions.parse(raw, protocol);

        assertThat(options.command()).isEqualTo("/opt/fake/bin/fake");
        assertThat(options.args()).containsExactly("--verbose");
        assertThat(options.env()).isEqualTo(Map.of("FAKE_BASE_URL", "http://127.0.0.1:9", "FAKE_RETRIES", "0", "FAKE_DEBUG", "true"));
        assertThat(options.workingDirectory()).isEqualTo(Path.of("/srv/work"));
        assertThat(options.configFrom()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
        assertThat(options.timeoutSeconds()).isEqualTo(30);
        assertThat(options.idleTimeoutSeconds()).isEqualTo(10);
        assertThat(options.maxConcurrency()).isEqualTo(2);
        assertThat(options.maxQueue()).isZero();
        assertThat(options.raw().getString("fakeOption")).isEqualTo("the plugin's own");
    }

    static Stream<Arguments> invalidOptions() {
        return Stream.of(
                Arguments.of("command", 42, "options.command: must be a non-empty string"),
                Arguments.of("command", "", "options.command: must be a non-empty string"),
                Arguments.of("args", "--verbose", "options.args: must be a list of strings"),
                Arguments.of("args", new JsonArray().add("-v").add(1), "options.args[1]: must be a string"),
                Arguments.of("env", "A=1", "options.env: must be a map of strings"),
                Arguments.of("env", new JsonObject().put("A", new JsonObject()), "options.env.A: must be a string"),
                Arguments.of("workingDirectory", 7, "options.workingDirectory: must be a non-empty string"),
                Arguments.of("configFrom", "", "options.configFrom: must be a non-empty string"),
                Arguments.of("configFrom", "/junction/no/such/folder",
                        "options.configFrom: must name an existing folder: /junction/no/such/folder"),
                Arguments.of("timeoutSeconds", 0, "options.timeoutSeconds: must be a positive integer"),
                Arguments.of("timeoutSeconds", 1.5, "options.timeoutSeconds: must be an integer"),
                Arguments.of("timeoutSeconds", "60", "options.timeoutSeconds: must be an integer"),
                Arguments.of("timeoutSeconds", 4_294_967_297L, "options.timeoutSeconds: must be an integer"),
                Arguments.of("idleTimeoutSeconds", -1, "options.idleTimeoutSeconds: must be a positive integer"),
                Arguments.of("maxConcurrency", 0, "options.maxConcurrency: must be a positive integer"),
                Arguments.of("maxQueue", -1, "options.maxQueue: must be zero or a positive integer"),
                Arguments.of("modelMap", new JsonArray(), "options.modelMap: must be a map of strings"),
                Arguments.of("modelMap", new JsonObject().put("fast", new JsonArray()), "options.modelMap.fast: must be a string"),
                Arguments.of("colour", "blue", "options.colour: unknown option"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("invalidOptions")
    void rejects_a_bad_option_naming_it(String key, Object value, String message) {
        JsonObject raw = new JsonObject().put(key, value);

        assertThatThrownBy(() -> CliOptions.parse(raw, protocol))
                .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST))
                .hasMessage(message);
    }

    @Test
    void names_the_plugins_own_options_in_their_errors() {
        JsonObject raw = new JsonObject().put("fakeOption", "yes");

        assertThatThrownBy(() -> CliOptions.bool(raw, "fakeOption", false)).hasMessage("options.fakeOption: must be true or false");
        assertThatThrownBy(() -> CliOptions.strings(raw, "fakeOption")).hasMessage("options.fakeOption: must be a list of strings");
        assertThat(CliOptions.string(raw, "fakeOption", "no")).isEqualTo("yes");
        assertThat(CliOptions.string(raw, "other", "fallback")).isEqualTo("fallback");
    }

    @Test
    void passes_no_model_for_an_alias_of_the_clis_default() {
        CliOptions options = CliOptions.parse(new JsonObject(), protocol);

        assertThat(options.cliModel("fake")).isEmpty();
    }

    @Test
    void maps_aliases_and_passes_other_model_names_through() {
        JsonObject raw = new JsonObject().put("modelMap", new JsonObject().put("fast", "fake-mini").put("plain", ""));

        CliOptions options = CliOptions.parse(raw, protocol);

        assertThat(options.cliModel("fast")).contains("fake-mini");
        assertThat(options.cliModel("plain")).isEmpty();
        assertThat(options.cliModel("fake-pro-2")).contains("fake-pro-2");
        assertThat(options.aliases()).isEqualTo(List.of("fake", "fast", "plain"));
    }

    @Test
    void lets_the_model_map_option_override_a_default_alias() {
        JsonObject raw = new JsonObject().put("modelMap", new JsonObject().put("fake", "fake-large"));

        assertThat(CliOptions.parse(raw, protocol).cliModel("fake")).contains("fake-large");
    }
}
