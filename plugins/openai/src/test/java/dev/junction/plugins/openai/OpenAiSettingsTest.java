package dev.junction.plugins.openai;

import dev.junction.plugin.testkit.TestBackendContext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.plugin.BackendException;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenAiSettingsTest {

    @Test
    void defaults_to_openai_without_a_key() {
        OpenAiSettings settings = OpenAiSettings.parse(new JsonObject());

        assertThat(settings.http().baseUrl()).isEqualTo("https://api.openai.com/v1");
        assertThat(settings.flavor()).isEqualTo(OpenAiSettings.Flavor.OPENAI);
        assertThat(settings.api()).isEqualTo(OpenAiSettings.Api.CHAT);
        assertThat(settings.fixedHeaders()).isEmpty();
    }

    @Test
    void api_responses_selects_the_responses_api() {
        assertThat(OpenAiSettings.parse(new JsonObject().put("api", "responses")).api())
                .isEqualTo(OpenAiSettings.Api.RESPONSES);
    }

    @Test
    void openai_clients_are_relayed_on_chat_completions_unless_turned_off() {
        assertThat(new OpenAiRelay("o", OpenAiSettings.parse(new JsonObject()), null).relays("openai")).isTrue();
        assertThat(new OpenAiRelay("o", OpenAiSettings.parse(new JsonObject()), null).relays("anthropic")).isFalse();
        assertThat(new OpenAiRelay("o", OpenAiSettings.parse(new JsonObject().put("relay", false)), null).relays("openai"))
                .isFalse();
        assertThat(new OpenAiRelay("o", OpenAiSettings.parse(new JsonObject().put("api", "responses")), null).relays("openai"))
                .isFalse();
    }

    @Test
    void sends_the_key_as_bearer_with_organization_and_project() {
        OpenAiSettings settings = OpenAiSettings.parse(new JsonObject()
                .put("apiKey", "sk-1")
                .put("organization", "org-1")
                .put("project", "proj_1"));

        assertThat(settings.fixedHeaders()).containsExactly(
                Map.entry("Authorization", "Bearer sk-1"),
                Map.entry("OpenAI-Organization", "org-1"),
                Map.entry("OpenAI-Project", "proj_1"));
    }

    @Test
    void an_empty_key_sends_no_authorization() {
        assertThat(OpenAiSettings.parse(new JsonObject().put("apiKey", "")).fixedHeaders()).isEmpty();
    }

    @Test
    void other_hosts_are_compatible_servers_unless_told_otherwise() {
        assertThat(OpenAiSettings.parse(new JsonObject().put("baseUrl", "http://localhost:11434/v1")).flavor())
                .isEqualTo(OpenAiSettings.Flavor.COMPATIBLE);
        assertThat(OpenAiSettings.parse(new JsonObject().put("baseUrl", "https://api.groq.com/openai/v1")).flavor())
                .isEqualTo(OpenAiSettings.Flavor.COMPATIBLE);
        assertThat(OpenAiSettings.parse(new JsonObject()
                                .put("baseUrl", "https://my-proxy.example.com/v1")
                                .put("flavor", "openai"))
                        .flavor())
                .isEqualTo(OpenAiSettings.Flavor.OPENAI);
    }

    @Test
    void wrong_options_are_named() {
        assertThatThrownBy(() -> OpenAiSettings.parse(new JsonObject().put("flavor", "azure")))
                .isInstanceOf(BackendException.class)
                .hasMessage("options.flavor: must be \"openai\" or \"compatible\", not \"azure\"");
        assertThatThrownBy(() -> OpenAiSettings.parse(new JsonObject().put("api", "assistants")))
                .hasMessage("options.api: must be \"chat\" or \"responses\", not \"assistants\"");
        assertThatThrownBy(() -> OpenAiSettings.parse(new JsonObject().put("organization", 7)))
                .hasMessage("options.organization: must be a non-empty string");
        assertThatThrownBy(() -> OpenAiSettings.parse(new JsonObject().put("version", "2023-06-01")))
                .hasMessage("options.version: unknown option");
        assertThatThrownBy(() -> OpenAiSettings.parse(new JsonObject().put("baseUrl", "api.openai.com")))
                .hasMessage("options.baseUrl: must be an http:// or https:// URL");
    }

    @Test
    void the_factory_refuses_wrong_options_before_opening_a_client() {
        assertThatThrownBy(() -> new OpenAiBackendFactory()
                        .create(TestBackendContext.of("gpt", new JsonObject().put("timeoutSeconds", 0), null)))
                .isInstanceOf(BackendException.class)
                .hasMessage("options.timeoutSeconds: must be a positive integer");
    }
}
