package dev.junction.gateway.provider;

import static dev.junction.gateway.provider.Sse.chunk;
import static dev.junction.gateway.provider.Sse.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.core.JsonValue;
import com.anthropic.errors.OverloadedException;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.gateway.provider.FakeProvider.Received;
import dev.junction.gateway.provider.FakeProvider.Reply;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client whose backend speaks its own dialect loses nothing the gateway does not model: its
 * provider feature headers and unknown fields reach the upstream, its structured-output format comes
 * out in the upstream's own shape, and an Anthropic overload stays a 529.
 */
@Timeout(60)
class SameDialectPassThroughTest {

    private static ProviderGateway providers;

    @BeforeAll
    static void start(@TempDir Path dir) {
        providers = new ProviderGateway(dir);
    }

    @AfterAll
    static void stop() {
        providers.close();
    }

    @BeforeEach
    void reset() {
        providers.resetUpstreams();
    }

    private static final JsonObject SCHEMA = new JsonObject("""
            {"type": "object", "properties": {"ok": {"type": "boolean"}}, "required": ["ok"], "additionalProperties": false}""");

    @Test
    void an_anthropic_client_reaches_the_anthropic_api_with_its_beta_header_extra_fields_and_output_format() {
        providers.anthropicUpstream.reply(Reply.sse(OpenAiClientToAnthropicTest.text("{\"ok\": true}")));

        Message message = providers.anthropic().messages().create(MessageCreateParams.builder()
                .model("claude-sonnet-4-5")
                .maxTokens(200)
                .addUserMessage("OK?")
                .putAdditionalHeader("anthropic-beta", "context-1m-2025-08-07")
                .putAdditionalBodyProperty("output_config", JsonValue.from(Map.of(
                        "effort", "low", "format", Map.of("type", "json_schema", "schema", SCHEMA.getMap()))))
                .putAdditionalBodyProperty("service_tier", JsonValue.from("standard_only"))
                .build());

        assertThat(message.content().get(0).asText().text()).isEqualTo("{\"ok\": true}");
        Received call = providers.anthropicUpstream.only();
        assertThat(call.headers()).containsEntry("anthropic-beta", "context-1m-2025-08-07")
                .containsEntry("x-api-key", ProviderGateway.ANTHROPIC_KEY)
                .containsEntry("anthropic-version", "2023-06-01");
        assertThat(call.json()).isEqualTo(new JsonObject("""
                {"model": "claude-sonnet-4-5", "max_tokens": 200, "stream": true,
                 "messages": [{"role": "user", "content": [{"type": "text", "text": "OK?"}]}],
                 "service_tier": "standard_only",
                 "output_config": {"effort": "low", "format": {"type": "json_schema", "schema": %s}}}""".formatted(SCHEMA.encode())));
    }

    @Test
    void an_overloaded_anthropic_api_stays_529_for_anthropic_callers() {
        providers.anthropicUpstream.reply(Reply.json(529, new JsonObject("""
                {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}""")));

        assertThatThrownBy(() -> providers.anthropic().messages().create(MessageCreateParams.builder()
                        .model("claude-sonnet-4-5")
                        .maxTokens(10)
                        .addUserMessage("hi")
                        .build()))
                .isInstanceOfSatisfying(OverloadedException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(529);
                    assertThat(e.getMessage()).contains("Overloaded");
                });
    }

    @Test
    void an_openai_client_reaches_the_openai_api_with_its_beta_header_extra_fields_and_response_format() {
        providers.openAiUpstream.reply(Reply.sse(List.of(
                chunk("chatcmpl-S", "{\"role\":\"assistant\",\"content\":\"{\\\"ok\\\":true}\"}", null),
                chunk("chatcmpl-S", "{}", "stop"),
                data("[DONE]"))));

        ChatCompletion completion = providers.openAi().chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-4o")
                .addUserMessage("OK?")
                .responseFormat(ResponseFormatJsonSchema.builder()
                        .jsonSchema(ResponseFormatJsonSchema.JsonSchema.builder()
                                .name("verdict")
                                .strict(true)
                                .schema(ResponseFormatJsonSchema.JsonSchema.Schema.builder()
                                        .putAllAdditionalProperties(SCHEMA.getMap().entrySet().stream().collect(
                                                java.util.stream.Collectors.toMap(Map.Entry::getKey,
                                                        entry -> com.openai.core.JsonValue.from(entry.getValue()))))
                                        .build())
                                .build())
                        .build())
                .logprobs(true)
                .putAdditionalHeader("OpenAI-Beta", "assistants=v2")
                .build());

        assertThat(completion.choices().get(0).message().content()).contains("{\"ok\":true}");
        Received call = providers.openAiUpstream.only();
        assertThat(call.headers()).containsEntry("openai-beta", "assistants=v2")
                .containsEntry("authorization", "Bearer " + ProviderGateway.OPENAI_KEY);
        assertThat(call.json()).isEqualTo(new JsonObject("""
                {"model": "gpt-4o", "stream": true, "stream_options": {"include_usage": true},
                 "messages": [{"role": "user", "content": "OK?"}],
                 "response_format": {"type": "json_schema", "json_schema": {"name": "verdict", "schema": %s, "strict": true}},
                 "logprobs": true}""".formatted(SCHEMA.encode())));
    }
}
