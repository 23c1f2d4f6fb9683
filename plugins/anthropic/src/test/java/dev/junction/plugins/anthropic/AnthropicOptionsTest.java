package dev.junction.plugins.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.plugin.BackendException;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnthropicOptionsTest {

    @Test
    void defaults_to_the_public_api_its_first_version_and_4096_tokens() {
        AnthropicOptions options = AnthropicOptions.parse(new JsonObject());

        assertThat(options.http().baseUrl()).isEqualTo("https://api.anthropic.com");
        assertThat(options.version()).isEqualTo("2023-06-01");
        assertThat(options.maxTokens()).isEqualTo(4096);
        assertThat(options.autoCache()).isTrue();
        assertThat(options.fixedHeaders()).containsExactly(Map.entry("anthropic-version", "2023-06-01"));
    }

    @Test
    void sends_the_key_as_x_api_key_with_the_configured_version() {
        AnthropicOptions options = AnthropicOptions.parse(new JsonObject()
                .put("apiKey", "sk-ant-test")
                .put("version", "2024-01-01")
                .put("maxTokens", 1000)
                .put("baseUrl", "http://127.0.0.1:9999/"));

        assertThat(options.http().baseUrl()).isEqualTo("http://127.0.0.1:9999");
        assertThat(options.maxTokens()).isEqualTo(1000);
        assertThat(options.fixedHeaders())
                .containsExactly(Map.entry("x-api-key", "sk-ant-test"), Map.entry("anthropic-version", "2024-01-01"));
    }

    @Test
    void names_a_bad_option() {
        assertThatThrownBy(() -> AnthropicOptions.parse(new JsonObject().put("maxTokens", 0)))
                .isInstanceOf(BackendException.class)
                .hasMessage("options.maxTokens: must be a positive integer");
        assertThatThrownBy(() -> AnthropicOptions.parse(new JsonObject().put("version", "")))
                .isInstanceOf(BackendException.class)
                .hasMessage("options.version: must be a non-empty string");
        assertThatThrownBy(() -> AnthropicOptions.parse(new JsonObject().put("max_tokens", 10)))
                .isInstanceOf(BackendException.class)
                .hasMessage("options.max_tokens: unknown option");
        assertThatThrownBy(() -> AnthropicOptions.parse(new JsonObject().put("autoCache", "yes")))
                .isInstanceOf(BackendException.class)
                .hasMessage("options.autoCache: must be true or false");
    }
}
