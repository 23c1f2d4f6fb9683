package dev.junction.plugins.gemini;

import dev.junction.plugin.testkit.TestBackendContext;
import static dev.junction.plugins.gemini.Requests.chat;
import static dev.junction.plugins.gemini.Requests.full;
import static dev.junction.plugins.gemini.Requests.text;
import static dev.junction.plugins.gemini.Requests.timeTool;
import static dev.junction.plugins.gemini.Requests.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.plugin.Backend;
import dev.junction.plugin.BackendException;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ContentPart;
import dev.junction.plugin.EmbeddingRequest;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.Sampling;
import dev.junction.plugin.TokenCount;
import dev.junction.plugin.ToolChoice;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class GeminiBackendTest {

    private static final String KEY = "AIzaSy-test-key-0123456789";

    private final FakeGemini upstream = new FakeGemini();
    private Backend backend;

    @BeforeEach
    void start(Vertx vertx, VertxTestContext context) {
        upstream.start(vertx).onComplete(context.succeeding(started -> {
            backend = backend(vertx, new JsonObject().put("apiKey", KEY).put("modelMap", new JsonObject().put("fast", "gemini-2.5-flash-lite")));
            context.completeNow();
        }));
    }

    @AfterEach
    void stop(VertxTestContext context) {
        backend.close().onComplete(context.succeedingThenComplete());
    }

    private Backend backend(Vertx vertx, JsonObject options) {
        return new GeminiBackendFactory().create(TestBackendContext.of("gem", options.put("baseUrl", upstream.baseUrl()), vertx));
    }

    @Test
    void streams_a_chat_from_stream_generate_content(VertxTestContext context) {
        upstream.answer((request, response) -> FakeGemini.stream(response, Golden.text("streams/text.sse")));
        CollectingSink sink = new CollectingSink();
        backend.chat(chat(List.of(), List.of(user(text("Hello, Gemini.")))), sink);
        sink.done().onComplete(context.succeeding(events -> context.verify(() -> {
            Golden.assertEvents("streams/text.events.json", events);
            FakeGemini.Recorded request = upstream.requests().get(0);
            assertThat(request.method()).isEqualTo(HttpMethod.POST);
            assertThat(request.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:streamGenerateContent");
            assertThat(request.query()).isEqualTo("alt=sse");
            assertThat(request.headers().get("x-goog-api-key")).isEqualTo(KEY);
            assertThat(request.headers().get("content-type")).isEqualTo("application/json");
            Golden.assertJson("requests/plain.json", request.json());
            context.completeNow();
        })));
    }

    @Test
    void streams_two_function_calls_as_two_tool_call_blocks(VertxTestContext context) {
        upstream.answer((request, response) -> FakeGemini.stream(response, Golden.text("streams/two_function_calls.sse")));
        CollectingSink sink = new CollectingSink();
        backend.chat(chat(List.of(), List.of(user(text("Weather in Paris and Rome?")))), sink);
        sink.done().onComplete(context.succeeding(events -> context.verify(() -> {
            Golden.assertEvents("streams/two_function_calls.events.json", events);
            context.completeNow();
        })));
    }

    @Test
    void maps_the_model_through_the_model_map(VertxTestContext context) {
        upstream.answer((request, response) -> FakeGemini.stream(response, Golden.text("streams/max_tokens.sse")));
        CollectingSink sink = new CollectingSink();
        backend.chat(chat(List.of(), List.of(user(text("Go")))).withModel("fast"), sink);
        sink.done().onComplete(context.succeeding(events -> context.verify(() -> {
            assertThat(upstream.requests().get(0).path()).isEqualTo("/v1beta/models/gemini-2.5-flash-lite:streamGenerateContent");
            context.completeNow();
        })));
    }

    @Test
    void fails_an_untranslatable_request_without_calling_gemini(VertxTestContext context) {
        CollectingSink sink = new CollectingSink();
        backend.chat(chat(List.of(), List.of(user(new ContentPart.ToolResult("orphan", List.of(), false)))), sink);
        sink.done().onComplete(context.succeeding(events -> context.verify(() -> {
            assertThat(events).singleElement().satisfies(event ->
                    assertThat(((ChatEvent.Failed) event).kind()).isEqualTo(ErrorKind.INVALID_REQUEST));
            assertThat(upstream.requests()).isEmpty();
            context.completeNow();
        })));
    }

    @Test
    void rejects_a_model_name_that_is_not_a_gemini_resource(VertxTestContext context) {
        CollectingSink sink = new CollectingSink();
        backend.chat(chat(List.of(), List.of(user(text("Hi")))).withModel("../files?x=1"), sink);
        sink.done().onComplete(context.succeeding(events -> context.verify(() -> {
            assertThat(events).containsExactly(ChatEvent.Failed.of(
                    ErrorKind.INVALID_REQUEST, "'../files?x=1' is not a Gemini model name."));
            assertThat(upstream.requests()).isEmpty();
            context.completeNow();
        })));
    }

    @Test
    void passes_a_rate_limit_on_with_its_retry_after(VertxTestContext context) {
        upstream.answer((request, response) -> {
            response.putHeader("retry-after", "7");
            FakeGemini.json(response, 429, """
                    {"error": {"code": 429, "message": "You exceeded your current quota.", "status": "RESOURCE_EXHAUSTED"}}""");
        });
        CollectingSink sink = new CollectingSink();
        backend.chat(chat(List.of(), List.of(user(text("Hi")))), sink);
        sink.done().onComplete(context.succeeding(events -> context.verify(() -> {
            ChatEvent.Failed failed = (ChatEvent.Failed) events.get(events.size() - 1);
            assertThat(failed.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
            assertThat(failed.retryAfterSeconds()).isEqualTo(7);
            assertThat(failed.message()).contains("You exceeded your current quota.");
            context.completeNow();
        })));
    }

    @Test
    void reads_the_retry_delay_gemini_puts_in_the_body(VertxTestContext context) {
        upstream.answer((request, response) -> FakeGemini.json(response, 429, """
                {"error": {"code": 429, "message": "Quota exceeded for metric generate_content_free_tier_requests.",
                  "status": "RESOURCE_EXHAUSTED",
                  "details": [{"@type": "type.googleapis.com/google.rpc.QuotaFailure", "violations": []},
                              {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "36s"}]}}"""));
        CollectingSink sink = new CollectingSink();
        backend.chat(chat(List.of(), List.of(user(text("Hi")))), sink);
        sink.done().onComplete(context.succeeding(events -> context.verify(() -> {
            ChatEvent.Failed failed = (ChatEvent.Failed) events.get(events.size() - 1);
            assertThat(failed.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
            assertThat(failed.retryAfterSeconds()).isEqualTo(36);
            context.completeNow();
        })));
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void a_refused_credential_is_an_authentication_failure_naming_the_backend(int status, VertxTestContext context) {
        upstream.answer((request, response) -> FakeGemini.json(response, status, """
                {"error": {"code": %d, "message": "Method doesn't allow unregistered callers.", "status": "PERMISSION_DENIED"}}"""
                .formatted(status)));
        CollectingSink sink = new CollectingSink();
        backend.chat(chat(List.of(), List.of(user(text("Hi")))), sink);
        sink.done().onComplete(context.succeeding(events -> context.verify(() -> {
            ChatEvent.Failed failed = (ChatEvent.Failed) events.get(events.size() - 1);
            assertThat(failed.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
            assertThat(failed.message()).contains("'gem'").doesNotContain(KEY);
            context.completeNow();
        })));
    }

    @Test
    void a_wrong_api_key_is_an_authentication_failure_although_gemini_answers_400(VertxTestContext context) {
        upstream.answer((request, response) -> FakeGemini.json(response, 400, """
                {"error": {"code": 400, "message": "API key not valid. Please pass a valid API key.", "status": "INVALID_ARGUMENT",
                  "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "API_KEY_INVALID",
                               "domain": "googleapis.com", "metadata": {"service": "generativelanguage.googleapis.com"}}]}}"""));
        CollectingSink sink = new CollectingSink();
        backend.chat(chat(List.of(), List.of(user(text("Hi")))), sink);
        sink.done()
                .compose(events -> {
                    context.verify(() -> {
                        ChatEvent.Failed failed = (ChatEvent.Failed) events.get(events.size() - 1);
                        assertThat(failed.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
                        assertThat(failed.message()).startsWith("backend 'gem': ").contains("API key not valid");
                    });
                    return backend.countTokens(chat(List.of(), List.of(user(text("Hi")))));
                })
                .onComplete(context.failing(failure -> context.verify(() -> {
                    assertThat(failure).isInstanceOfSatisfying(BackendException.class,
                            e -> assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION));
                    context.completeNow();
                })));
    }

    @Test
    void a_bad_request_stays_the_callers_mistake(VertxTestContext context) {
        upstream.answer((request, response) -> FakeGemini.json(response, 400, """
                {"error": {"code": 400, "message": "* GenerateContentRequest.generation_config.stop_sequences: at most 5 stop sequences", "status": "INVALID_ARGUMENT"}}"""));
        CollectingSink sink = new CollectingSink();
        backend.chat(chat(List.of(), List.of(user(text("Hi")))), sink);
        sink.done().onComplete(context.succeeding(events -> context.verify(() -> {
            ChatEvent.Failed failed = (ChatEvent.Failed) events.get(events.size() - 1);
            assertThat(failed.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
            assertThat(failed.message()).contains("at most 5 stop sequences");
            context.completeNow();
        })));
    }

    @Test
    void counts_tokens_with_the_whole_generate_content_request(VertxTestContext context) {
        upstream.answer((request, response) -> FakeGemini.json(response, 200, """
                {"totalTokens": 31, "promptTokensDetails": [{"modality": "TEXT", "tokenCount": 31}]}"""));
        backend.countTokens(full(
                        List.of(text("Be brief.")),
                        List.of(user(text("What time is it?"))),
                        List.of(timeTool()),
                        new ToolChoice(ToolChoice.Mode.AUTO, null, null),
                        new Sampling(0.2, null, null, 100, List.of(), null),
                        null))
                .onComplete(context.succeeding(count -> context.verify(() -> {
                    assertThat(count).isEqualTo(new TokenCount(31, true));
                    FakeGemini.Recorded request = upstream.requests().get(0);
                    assertThat(request.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:countTokens");
                    assertThat(request.headers().get("x-goog-api-key")).isEqualTo(KEY);
                    Golden.assertJson("requests/count_tokens.json", request.json());
                    context.completeNow();
                })));
    }

    @Test
    void embeds_texts_with_batch_embed_contents(VertxTestContext context) {
        upstream.answer((request, response) -> FakeGemini.json(response, 200, """
                {"embeddings": [{"values": [0.0125, -0.5, 1]}, {"values": [0.25, 0.75, -0.0625]}]}"""));
        backend.embed(new EmbeddingRequest("gemini-embedding-001", List.of("Hello world", "Bonjour"), 3, "u1", null))
                .onComplete(context.succeeding(embeddings -> context.verify(() -> {
                    assertThat(embeddings.model()).isEqualTo("gemini-embedding-001");
                    assertThat(embeddings.vectors()).containsExactly(List.of(0.0125, -0.5, 1.0), List.of(0.25, 0.75, -0.0625));
                    assertThat(embeddings.inputTokens()).isEqualTo(3 + 2); // an estimate: Gemini reports none
                    FakeGemini.Recorded request = upstream.requests().get(0);
                    assertThat(request.path()).isEqualTo("/v1beta/models/gemini-embedding-001:batchEmbedContents");
                    Golden.assertJson("requests/batch_embed.json", request.json());
                    context.completeNow();
                })));
    }

    @Test
    void fails_when_gemini_returns_fewer_embeddings_than_inputs(VertxTestContext context) {
        upstream.answer((request, response) -> FakeGemini.json(response, 200, "{\"embeddings\": [{\"values\": [1, 2]}]}"));
        backend.embed(new EmbeddingRequest("gemini-embedding-001", List.of("a", "b"), null, null, null))
                .onComplete(context.failing(failure -> context.verify(() -> {
                    assertThat(((BackendException) failure).kind()).isEqualTo(ErrorKind.UPSTREAM);
                    assertThat(upstream.requests().get(0).json().getJsonArray("requests").getJsonObject(0).containsKey("outputDimensionality"))
                            .isFalse();
                    context.completeNow();
                })));
    }

    @Test
    void lists_models_across_pages_without_the_models_prefix(VertxTestContext context) {
        upstream.answer((request, response) -> {
            if (request.query().contains("pageToken=")) {
                FakeGemini.json(response, 200, """
                        {"models": [{"name": "models/gemini-embedding-001", "supportedGenerationMethods": ["embedContent"]}]}""");
            } else {
                FakeGemini.json(response, 200, """
                        {"models": [{"name": "models/gemini-2.5-flash", "displayName": "Gemini 2.5 Flash",
                                     "supportedGenerationMethods": ["generateContent", "countTokens"]},
                                    {"name": "models/gemini-2.5-pro", "supportedGenerationMethods": ["generateContent"]}],
                         "nextPageToken": "Ch0v/page=2"}""");
            }
        });
        backend.models().onComplete(context.succeeding(models -> context.verify(() -> {
            assertThat(models).containsExactly("gemini-2.5-flash", "gemini-2.5-pro", "gemini-embedding-001");
            List<FakeGemini.Recorded> requests = upstream.requests();
            assertThat(requests).extracting(FakeGemini.Recorded::method).containsOnly(HttpMethod.GET);
            assertThat(requests).extracting(FakeGemini.Recorded::path).containsOnly("/v1beta/models");
            assertThat(requests).extracting(FakeGemini.Recorded::query)
                    .containsExactly("pageSize=1000", "pageSize=1000&pageToken=Ch0v%2Fpage%3D2");
            context.completeNow();
        })));
    }

    @Test
    void stops_listing_models_after_a_bounded_number_of_pages(VertxTestContext context) {
        upstream.answer((request, response) -> FakeGemini.json(response, 200,
                "{\"models\": [{\"name\": \"models/m\"}], \"nextPageToken\": \"more\"}"));
        backend.models().onComplete(context.succeeding(models -> context.verify(() -> {
            assertThat(models).hasSize(GeminiBackend.MAX_MODEL_PAGES);
            assertThat(upstream.requests()).hasSize(GeminiBackend.MAX_MODEL_PAGES);
            context.completeNow();
        })));
    }

    @Test
    void sends_no_key_header_without_an_api_key(Vertx vertx, VertxTestContext context) {
        Backend keyless = backend(vertx, new JsonObject());
        upstream.answer((request, response) -> FakeGemini.json(response, 200, "{\"models\": []}"));
        keyless.models()
                .eventually(keyless::close)
                .onComplete(context.succeeding(models -> context.verify(() -> {
                    assertThat(upstream.requests().get(0).headers().contains("x-goog-api-key")).isFalse();
                    context.completeNow();
                })));
    }

    @Test
    void names_a_bad_option(Vertx vertx) {
        assertThatThrownBy(() -> backend(vertx, new JsonObject().put("thinkingConfig", "high")))
                .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST))
                .hasMessageStartingWith("options.thinkingConfig:");
        assertThatThrownBy(() -> backend(vertx, new JsonObject().put("syntheticThoughtSignatures", "yes")))
                .hasMessageStartingWith("options.syntheticThoughtSignatures:");
        assertThatThrownBy(() -> backend(vertx, new JsonObject().put("project", "p")))
                .hasMessageStartingWith("options.project:");
    }
}
