package dev.junction.plugins.geminicli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.cli.CliOptions;
import dev.junction.plugin.BackendException;
import dev.junction.plugin.ErrorKind;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GeminiOptionsTest {

    @Test
    void defaults_are_safe_for_a_headless_gateway() {
        assertThat(GeminiOptions.parse(new JsonObject()))
                .isEqualTo(new GeminiOptions("default", 1, true, true, new JsonObject()));
    }

    @Test
    void reads_every_option() {
        JsonObject options = new JsonObject("""
                {"approvalMode": "plan", "maxAttempts": 10, "skipTrust": false, "isolatedHome": true,
                 "settings": {"model": {"maxSessionTurns": 5}}}
                """);

        assertThat(GeminiOptions.parse(options)).isEqualTo(new GeminiOptions(
                "plan", 10, false, true, new JsonObject().put("model", new JsonObject().put("maxSessionTurns", 5))));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"approvalMode": "always"}                   | options.approvalMode: must be one of default, auto_edit, yolo, plan
            {"maxAttempts": 0}                           | options.maxAttempts: must be an integer from 1 to 10
            {"maxAttempts": 11}                          | options.maxAttempts: must be an integer from 1 to 10
            {"maxAttempts": 1.5}                         | options.maxAttempts: must be an integer from 1 to 10
            {"skipTrust": "yes"}                         | options.skipTrust: must be true or false
            {"isolatedHome": 1}                          | options.isolatedHome: must be true or false
            {"settings": []}                             | options.settings: must be an object
            {"isolatedHome": false, "configFrom": "/g", "maxAttempts": 2} | options.maxAttempts: needs options.isolatedHome: Gemini CLI reads settings only from its home
            {"isolatedHome": false, "configFrom": "/g", "settings": {}}   | options.settings: needs options.isolatedHome: Gemini CLI reads settings only from its home
            {"isolatedHome": false}                      | options.isolatedHome: false needs options.configFrom, the folder of a Google login (such as /home/<you>/.gemini): every run has a home of its own
            """)
    void rejects_a_bad_option_naming_it(String options, String message) {
        assertThatThrownBy(() -> GeminiOptions.parse(new JsonObject(options)))
                .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST))
                .hasMessage(message);
    }

    @Test
    void the_protocol_declares_its_options_so_others_are_unknown() {
        GeminiCliProtocol protocol = new GeminiCliProtocol();

        CliOptions options = CliOptions.parse(new JsonObject().put("approvalMode", "yolo").put("maxAttempts", 2), protocol);

        assertThat(options.raw().getString("approvalMode")).isEqualTo("yolo");
        assertThatThrownBy(() -> CliOptions.parse(new JsonObject().put("approval_mode", "yolo"), protocol))
                .hasMessage("options.approval_mode: unknown option");
    }
}
