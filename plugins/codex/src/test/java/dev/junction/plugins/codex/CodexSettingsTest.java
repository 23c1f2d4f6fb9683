package dev.junction.plugins.codex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.plugin.BackendException;
import dev.junction.plugin.ErrorKind;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CodexSettingsTest {

    @Test
    void defaults_are_read_only_never_and_one_retry() {
        CodexSettings settings = CodexSettings.parse(new JsonObject());

        assertThat(settings).isEqualTo(new CodexSettings("read-only", "never", Map.of(), 1, Optional.empty()));
    }

    static Stream<Arguments> badOptions() {
        return Stream.of(
                Arguments.of(new JsonObject().put("sandbox", "full"),
                        "options.sandbox: must be one of read-only, workspace-write, danger-full-access"),
                Arguments.of(new JsonObject().put("sandbox", 1), "options.sandbox: must be a non-empty string"),
                Arguments.of(new JsonObject().put("approvalPolicy", "always"),
                        "options.approvalPolicy: must be one of never, on-request, on-failure, untrusted"),
                Arguments.of(new JsonObject().put("config", "model=o3"),
                        "options.config: must be a map of Codex config keys to values"),
                Arguments.of(new JsonObject().put("config", new JsonObject().put("model providers", "x")),
                        "options.config.model providers: must be a dotted key of letters, digits, '_' and '-'"),
                Arguments.of(new JsonObject().put("config", new JsonObject().put("a=b", "x")),
                        "options.config.a=b: must be a dotted key of letters, digits, '_' and '-'"),
                Arguments.of(new JsonObject().put("config", new JsonObject().putNull("model")),
                        "options.config.model: must be a string, number, boolean, list or map (TOML has no null)"),
                Arguments.of(new JsonObject().put("config", new JsonObject().put("p", new JsonObject()
                                .put("headers", new JsonArray().add("a").addNull()))),
                        "options.config.p.headers[1]: must be a string, number, boolean, list or map (TOML has no null)"),
                Arguments.of(new JsonObject().put("maxRetries", -1), "options.maxRetries: must be an integer from 0 to 100"),
                Arguments.of(new JsonObject().put("maxRetries", 1.5), "options.maxRetries: must be an integer from 0 to 100"),
                Arguments.of(new JsonObject().put("maxRetries", "2"), "options.maxRetries: must be an integer from 0 to 100"));
    }

    @ParameterizedTest
    @MethodSource("badOptions")
    void bad_options_are_named(JsonObject options, String message) {
        assertThatThrownBy(() -> CodexSettings.parse(options))
                .isInstanceOf(BackendException.class)
                .hasMessage(message)
                .extracting(e -> ((BackendException) e).kind())
                .isEqualTo(ErrorKind.INVALID_REQUEST);
    }

    @Test
    void unknown_option_is_named() {
        assertThatThrownBy(() -> Requests.options(new JsonObject().put("sandboxMode", "read-only")))
                .isInstanceOf(BackendException.class)
                .hasMessage("options.sandboxMode: unknown option");
    }

    @Test
    void strings_are_quoted_as_toml() {
        CodexSettings settings = CodexSettings.parse(new JsonObject().put("config", new JsonObject()
                .put("developer_instructions", "Say \"hi\"\\n\tthen\nstop\u0001")
                .put("model_context_window", 128000)
                .put("model_supports_reasoning_summaries", true)
                .put("tool_output_token_limit", 1.5)
                .put("model_providers", new JsonObject().put("my.proxy", new JsonObject().put("name", "Proxy")))));

        assertThat(settings.config()).containsExactly(
                Map.entry("developer_instructions", "\"Say \\\"hi\\\"\\\\n\\tthen\\nstop\\u0001\""),
                Map.entry("model_context_window", "128000"),
                Map.entry("model_supports_reasoning_summaries", "true"),
                Map.entry("tool_output_token_limit", "1.5"),
                Map.entry("model_providers", "{\"my.proxy\" = {name = \"Proxy\"}}"));
    }

    @Test
    void custom_provider_may_be_defined_inside_a_model_providers_map() {
        CodexSettings settings = CodexSettings.parse(new JsonObject().put("config", new JsonObject()
                .put("model_provider", "proxy")
                .put("model_providers", new JsonObject().put("proxy", new JsonObject().put("name", "Proxy")))));

        assertThat(settings.customProvider()).contains("proxy");
    }
}
