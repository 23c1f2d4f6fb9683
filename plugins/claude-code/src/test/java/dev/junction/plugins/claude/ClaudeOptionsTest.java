package dev.junction.plugins.claude;

import static dev.junction.plugins.claude.Runs.assertInvalidRequest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.cli.CliOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClaudeOptionsTest {

    @Test
    void defaults_never_prompt_append_the_system_text_and_retry_twice() {
        assertThat(ClaudeOptions.parse(new JsonObject()))
                .isEqualTo(new ClaudeOptions(
                        "dontAsk", List.of(), List.of(), null, ClaudeOptions.SystemPromptMode.APPEND, 2, null));
    }

    @Test
    void reads_every_option() {
        JsonObject options = new JsonObject()
                .put("permissionMode", "acceptEdits")
                .put("allowedTools", new JsonArray().add("Read"))
                .put("disallowedTools", new JsonArray().add("Bash"))
                .put("tools", new JsonArray())
                .put("systemPromptMode", "replace")
                .put("maxRetries", 0)
                .put("maxTurns", 4);

        assertThat(ClaudeOptions.parse(options))
                .isEqualTo(new ClaudeOptions(
                        "acceptEdits", List.of("Read"), List.of("Bash"), List.of(),
                        ClaudeOptions.SystemPromptMode.REPLACE, 0, 4));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "{\"permissionMode\":\"ask\"}       ; options.permissionMode: must be one of acceptEdits, auto,"
                        + " bypassPermissions, default, dontAsk, plan",
                "{\"permissionMode\":true}          ; options.permissionMode: must be a non-empty string",
                "{\"systemPromptMode\":\"prepend\"} ; options.systemPromptMode: must be \"append\" or \"replace\"",
                "{\"tools\":\"Read\"}               ; options.tools: must be a list of strings",
                "{\"allowedTools\":[1]}             ; options.allowedTools[0]: must be a string",
                "{\"maxRetries\":-1}                ; options.maxRetries: must be an integer of at least 0",
                "{\"maxTurns\":0}                   ; options.maxTurns: must be an integer of at least 1",
                "{\"maxTurns\":1.5}                 ; options.maxTurns: must be an integer of at least 1"
            })
    void rejects_a_bad_option_naming_it(String options, String message) {
        assertInvalidRequest(() -> ClaudeOptions.parse(new JsonObject(options)), message);
    }

    @Test
    void the_common_options_accept_the_plugin_keys_and_reject_others() {
        ClaudeCodeProtocol protocol = new ClaudeCodeProtocol(ClaudeOptions.parse(new JsonObject()));
        JsonObject options =
                new JsonObject().put("permissionMode", "plan").put("maxTurns", 2).put("timeoutSeconds", 60);

        assertThat(CliOptions.parse(options, protocol).timeoutSeconds()).isEqualTo(60);
        assertInvalidRequest(
                () -> CliOptions.parse(new JsonObject().put("permission_mode", "plan"), protocol),
                "options.permission_mode: unknown option");
    }

    @Test
    void the_model_claude_means_the_clis_default_model() {
        ClaudeCodeProtocol protocol = new ClaudeCodeProtocol(ClaudeOptions.parse(new JsonObject()));
        CliOptions options = CliOptions.parse(new JsonObject(), protocol);

        assertThat(options.cliModel("claude")).isEmpty();
        assertThat(options.aliases()).containsExactly("claude");
    }
}
