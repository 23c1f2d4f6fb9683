package dev.junction.gateway.provider;

import static dev.junction.gateway.provider.Sse.chunk;
import static dev.junction.gateway.provider.Sse.data;
import static dev.junction.gateway.provider.Sse.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.core.JsonValue;
import com.anthropic.errors.OverloadedException;
import com.anthropic.models.messages.CacheControlEphemeral;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.Tool;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.gateway.provider.FakeProvider.Received;
import dev.junction.gateway.provider.FakeProvider.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client whose backend speaks its own dialect loses nothing the gateway does not model: its
 * provider feature headers and unknown fields reach the upstream (those of its content blocks and
 * tools too: Anthropic's {@code cache_control}, OpenAI's image {@code detail}), its structured-output
 * format comes out in the upstream's own shape, and an Anthropic overload stays a 529.
 */
@Timeout(60)
class SameDialectPassThroughTest extends WithProviderGateway {

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
    void an_anthropic_clients_cache_control_reaches_the_anthropic_api_where_it_was_and_cache_usage_comes_back() {
        providers.anthropicUpstream.reply(Reply.sse(List.of(
                event("message_start", """
                    {"type":"message_start","message":{"id":"msg_01Cache","type":"message","role":"assistant",
                     "model":"claude-sonnet-4-5-20250929","content":[],"stop_reason":null,"stop_sequence":null,
                     "usage":{"input_tokens":12,"cache_creation_input_tokens":1500,"cache_read_input_tokens":3000,
                              "output_tokens":1}}}"""),
                event("content_block_start", """
                    {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"""),
                event("content_block_delta", """
                    {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Cached."}}"""),
                event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"),
                event("message_delta", """
                    {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":5}}"""),
                event("message_stop", "{\"type\":\"message_stop\"}"))));
        CacheControlEphemeral ephemeral = CacheControlEphemeral.builder().build();

        Message message = providers.anthropic().messages().create(MessageCreateParams.builder()
                .model("claude-sonnet-4-5")
                .maxTokens(300)
                .systemOfTextBlockParams(List.of(
                        TextBlockParam.builder().text("You are a coding agent.").build(),
                        TextBlockParam.builder().text("The repository guide.").cacheControl(ephemeral).build()))
                .addTool(Tool.builder()
                        .name("Read")
                        .description("Reads a file")
                        .inputSchema(Tool.InputSchema.builder()
                                .properties(JsonValue.from(Map.of("path", Map.of("type", "string"))))
                                .build())
                        .cacheControl(CacheControlEphemeral.builder().ttl(CacheControlEphemeral.Ttl.TTL_1H).build())
                        .build())
                .addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofText(
                        TextBlockParam.builder().text("Summarise the guide.").cacheControl(ephemeral).build())))
                .build());

        assertThat(message.content().get(0).asText().text()).isEqualTo("Cached.");
        assertThat(message.usage().inputTokens()).isEqualTo(12);
        assertThat(message.usage().cacheCreationInputTokens()).contains(1500L);
        assertThat(message.usage().cacheReadInputTokens()).contains(3000L);
        assertThat(message.usage().outputTokens()).isEqualTo(5);
        JsonObject body = providers.anthropicUpstream.only().json();
        assertThat(body.getValue("system")).isEqualTo(new JsonArray("""
                [{"type": "text", "text": "You are a coding agent."},
                 {"type": "text", "text": "The repository guide.", "cache_control": {"type": "ephemeral"}}]"""));
        assertThat(body.getJsonArray("messages")).isEqualTo(new JsonArray("""
                [{"role": "user", "content": [
                  {"type": "text", "text": "Summarise the guide.", "cache_control": {"type": "ephemeral"}}]}]"""));
        JsonObject tool = body.getJsonArray("tools").getJsonObject(0);
        assertThat(tool.getString("name")).isEqualTo("Read");
        assertThat(tool.getJsonObject("cache_control")).isEqualTo(new JsonObject("""
                {"type": "ephemeral", "ttl": "1h"}"""));
        assertThat(tool.getJsonObject("input_schema")).isEqualTo(new JsonObject("""
                {"type": "object", "properties": {"path": {"type": "string"}}}"""));
    }

    @Test
    void an_openai_clients_image_detail_reaches_the_openai_api_in_its_image_url() {
        providers.openAiUpstream.reply(Reply.json(200, AnthropicClientToOpenAiTest.completion("A cat.")));

        ChatCompletion completion = providers.openAi().chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-4o")
                .addUserMessageOfArrayOfContentParts(List.of(
                        ChatCompletionContentPart.ofText(
                                ChatCompletionContentPartText.builder().text("What is it?").build()),
                        ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder()
                                .imageUrl(ChatCompletionContentPartImage.ImageUrl.builder()
                                        .url("https://example.com/cat.png")
                                        .detail(ChatCompletionContentPartImage.ImageUrl.Detail.HIGH)
                                        .build())
                                .build())))
                .build());

        assertThat(completion.choices().get(0).message().content()).contains("A cat.");
        assertThat(providers.openAiUpstream.only().json().getJsonArray("messages")).isEqualTo(new JsonArray("""
                [{"role": "user", "content": [
                  {"type": "text", "text": "What is it?"},
                  {"type": "image_url", "image_url": {"url": "https://example.com/cat.png", "detail": "high"}}]}]"""));
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
        providers.openAiUpstream.reply(Reply.json(200, AnthropicClientToOpenAiTest.completion("{\"ok\":true}")));

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
        // the client's own body, relayed as it is (see PassThroughTest)
        assertThat(call.json()).isEqualTo(new JsonObject("""
                {"model": "gpt-4o",
                 "messages": [{"role": "user", "content": "OK?"}],
                 "response_format": {"type": "json_schema", "json_schema": {"name": "verdict", "schema": %s, "strict": true}},
                 "logprobs": true}""".formatted(SCHEMA.encode())));
    }
}
