package dev.junction.plugins.gemini;

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
import dev.junction.plugin.Embeddings;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.Sampling;
import dev.junction.plugin.TokenCount;
import dev.junction.plugin.ToolChoice;
import dev.junction.plugin.testkit.FakeUpstream;
import dev.junction.plugin.testkit.Golden;
import dev.junction.plugin.testkit.HostedBackend;
import dev.junction.plugin.testkit.RecordingSink;
import dev.junction.plugin.testkit.SseReplay;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssertAlternative;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The backend against a fake Gemini API on 127.0.0.1 that records what it receives and answers as each test says. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class GeminiBackendTest {

    private static final String KEY = "AIzaSy-test-key-0123456789";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private FakeUpstream upstream;
    private HostedBackend hosted;
    private Backend backend;

    @BeforeEach
    void start(Vertx vertx) {
        upstream = FakeUpstream.start(vertx);
        host(vertx, new JsonObject()
                .put("apiKey", KEY)
                .put("modelMap", new JsonObject().put("fast", "gemini-2.5-flash-lite")));
    }

    @AfterEach
    void stop() {
        try {
            hosted.close();
        } finally {
            upstream.close();
        }
    }

    /** Hosts backend {@code gem} at the fake with {@code options}. */
    private void host(Vertx vertx, JsonObject options) {
        hosted = HostedBackend.start(
                new GeminiBackendFactory(), "gem", options.put("baseUrl", upstream.baseUrl("/v1beta")), vertx);
        backend = hosted.backend();
    }

    @Test
    void streams_a_chat_from_stream_generate_content() {
        upstream.answer(SseReplay.of(Golden.text("streams/text.sse")));
        RecordingSink sink = new RecordingSink();

        backend.chat(chat(List.of(), List.of(user(text("Hello, Gemini.")))), sink);

        Golden.assertEvents("streams/text.events.json", sink.awaitEnd());
        FakeUpstream.Received request = upstream.next();
        assertThat(request.method()).isEqualTo(HttpMethod.POST);
        assertThat(request.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:streamGenerateContent");
        assertThat(request.query()).isEqualTo("alt=sse");
        assertThat(request.headers().get("x-goog-api-key")).isEqualTo(KEY);
        assertThat(request.headers().get("content-type")).isEqualTo("application/json");
        Golden.assertJson("requests/plain.json", request.json());
    }

    @Test
    void streams_two_function_calls_as_two_tool_call_blocks() {
        upstream.answer(SseReplay.of(Golden.text("streams/two_function_calls.sse")));
        RecordingSink sink = new RecordingSink();

        backend.chat(chat(List.of(), List.of(user(text("Weather in Paris and Rome?")))), sink);

        Golden.assertEvents("streams/two_function_calls.events.json", sink.awaitEnd());
    }

    @Test
    void maps_the_model_through_the_model_map() {
        upstream.answer(SseReplay.of(Golden.text("streams/max_tokens.sse")));
        RecordingSink sink = new RecordingSink();

        backend.chat(chat(List.of(), List.of(user(text("Go")))).withModel("fast"), sink);

        sink.awaitEnd();
        assertThat(upstream.next().path()).isEqualTo("/v1beta/models/gemini-2.5-flash-lite:streamGenerateContent");
    }

    @Test
    void fails_an_untranslatable_request_without_calling_gemini() {
        RecordingSink sink = new RecordingSink();

        backend.chat(chat(List.of(), List.of(user(new ContentPart.ToolResult("orphan", List.of(), false)))), sink);

        assertThat(sink.awaitEnd()).singleElement().satisfies(event ->
                assertThat(((ChatEvent.Failed) event).kind()).isEqualTo(ErrorKind.INVALID_REQUEST));
        assertThat(upstream.requests()).isEmpty();
    }

    @Test
    void rejects_a_model_name_that_is_not_a_gemini_resource() {
        RecordingSink sink = new RecordingSink();

        backend.chat(chat(List.of(), List.of(user(text("Hi")))).withModel("../files?x=1"), sink);

        assertThat(sink.awaitEnd()).containsExactly(ChatEvent.Failed.of(
                ErrorKind.INVALID_REQUEST, "'../files?x=1' is not a Gemini model name."));
        assertThat(upstream.requests()).isEmpty();
    }

    @Test
    void passes_a_rate_limit_on_with_its_retry_after() {
        upstream.answer(FakeUpstream.json(429, """
                {"error": {"code": 429, "message": "You exceeded your current quota.", "status": "RESOURCE_EXHAUSTED"}}""",
                "retry-after", "7"));

        ChatEvent.Failed failed = chatHi();

        assertThat(failed.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(failed.retryAfterSeconds()).isEqualTo(7);
        assertThat(failed.message()).contains("You exceeded your current quota.");
    }

    @Test
    void reads_the_retry_delay_gemini_puts_in_the_body() {
        upstream.answer(FakeUpstream.json(429, """
                {"error": {"code": 429, "message": "Quota exceeded for metric generate_content_free_tier_requests.",
                  "status": "RESOURCE_EXHAUSTED",
                  "details": [{"@type": "type.googleapis.com/google.rpc.QuotaFailure", "violations": []},
                              {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "36s"}]}}"""));

        ChatEvent.Failed failed = chatHi();

        assertThat(failed.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(failed.retryAfterSeconds()).isEqualTo(36);
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void a_refused_credential_is_an_authentication_failure_naming_the_backend(int status) {
        upstream.answer(FakeUpstream.json(status, """
                {"error": {"code": %d, "message": "Method doesn't allow unregistered callers.", "status": "PERMISSION_DENIED"}}"""
                .formatted(status)));

        ChatEvent.Failed failed = chatHi();

        assertThat(failed.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
        assertThat(failed.message()).contains("'gem'").doesNotContain(KEY);
    }

    @Test
    void a_wrong_api_key_is_an_authentication_failure_although_gemini_answers_400() {
        upstream.answer(FakeUpstream.json(400, """
                {"error": {"code": 400, "message": "API key not valid. Please pass a valid API key.", "status": "INVALID_ARGUMENT",
                  "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "API_KEY_INVALID",
                               "domain": "googleapis.com", "metadata": {"service": "generativelanguage.googleapis.com"}}]}}"""));

        ChatEvent.Failed failed = chatHi();

        assertThat(failed.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
        assertThat(failed.message()).startsWith("backend 'gem': ").contains("API key not valid");
        assertFails(hosted.call(gemini -> gemini.countTokens(chat(List.of(), List.of(user(text("Hi")))))))
                .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION));
    }

    @Test
    void a_bad_request_stays_the_callers_mistake() {
        upstream.answer(FakeUpstream.json(400, """
                {"error": {"code": 400, "message": "* GenerateContentRequest.generation_config.stop_sequences: at most 5 stop sequences", "status": "INVALID_ARGUMENT"}}"""));

        ChatEvent.Failed failed = chatHi();

        assertThat(failed.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(failed.message()).contains("at most 5 stop sequences");
    }

    @Test
    void counts_tokens_with_the_whole_generate_content_request() throws Exception {
        upstream.answer(FakeUpstream.json(200, """
                {"totalTokens": 31, "promptTokensDetails": [{"modality": "TEXT", "tokenCount": 31}]}"""));

        TokenCount count = backend.countTokens(full(
                        List.of(text("Be brief.")),
                        List.of(user(text("What time is it?"))),
                        List.of(timeTool()),
                        new ToolChoice(ToolChoice.Mode.AUTO, null, null),
                        new Sampling(0.2, null, null, 100, List.of(), null),
                        null))
                .await(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(count).isEqualTo(new TokenCount(31, true));
        FakeUpstream.Received request = upstream.next();
        assertThat(request.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:countTokens");
        assertThat(request.headers().get("x-goog-api-key")).isEqualTo(KEY);
        Golden.assertJson("requests/count_tokens.json", request.json());
    }

    @Test
    void embeds_texts_with_batch_embed_contents() throws Exception {
        upstream.answer(FakeUpstream.json(200, """
                {"embeddings": [{"values": [0.0125, -0.5, 1]}, {"values": [0.25, 0.75, -0.0625]}]}"""));

        Embeddings embeddings = backend
                .embed(new EmbeddingRequest("gemini-embedding-001", List.of("Hello world", "Bonjour"), 3, "u1", null))
                .await(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(embeddings.model()).isEqualTo("gemini-embedding-001");
        assertThat(embeddings.vectors()).containsExactly(List.of(0.0125, -0.5, 1.0), List.of(0.25, 0.75, -0.0625));
        assertThat(embeddings.inputTokens()).isEqualTo(3 + 2); // an estimate: Gemini reports none
        FakeUpstream.Received request = upstream.next();
        assertThat(request.path()).isEqualTo("/v1beta/models/gemini-embedding-001:batchEmbedContents");
        Golden.assertJson("requests/batch_embed.json", request.json());
    }

    @Test
    void fails_when_gemini_returns_fewer_embeddings_than_inputs() {
        upstream.answer(FakeUpstream.json(200, "{\"embeddings\": [{\"values\": [1, 2]}]}"));

        assertFails(backend.embed(new EmbeddingRequest("gemini-embedding-001", List.of("a", "b"), null, null, null)))
                .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM));
        assertThat(upstream.next().json().getJsonArray("requests").getJsonObject(0).containsKey("outputDimensionality"))
                .isFalse();
    }

    @Test
    void lists_models_across_pages_without_the_models_prefix() throws Exception {
        upstream.answer((request, response) -> FakeUpstream.json(200, request.query().contains("pageToken=")
                        ? """
                        {"models": [{"name": "models/gemini-embedding-001", "supportedGenerationMethods": ["embedContent"]}]}"""
                        : """
                        {"models": [{"name": "models/gemini-2.5-flash", "displayName": "Gemini 2.5 Flash",
                                     "supportedGenerationMethods": ["generateContent", "countTokens"]},
                                    {"name": "models/gemini-2.5-pro", "supportedGenerationMethods": ["generateContent"]}],
                         "nextPageToken": "Ch0v/page=2"}""")
                .respond(request, response));

        List<String> models = backend.models().await(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(models).containsExactly("gemini-2.5-flash", "gemini-2.5-pro", "gemini-embedding-001");
        List<FakeUpstream.Received> requests = upstream.requests();
        assertThat(requests).extracting(FakeUpstream.Received::method).containsOnly(HttpMethod.GET);
        assertThat(requests).extracting(FakeUpstream.Received::path).containsOnly("/v1beta/models");
        assertThat(requests).extracting(FakeUpstream.Received::query)
                .containsExactly("pageSize=1000", "pageSize=1000&pageToken=Ch0v%2Fpage%3D2");
    }

    @Test
    void stops_listing_models_after_a_bounded_number_of_pages() throws Exception {
        upstream.answer(FakeUpstream.json(200, "{\"models\": [{\"name\": \"models/m\"}], \"nextPageToken\": \"more\"}"));

        List<String> models = backend.models().await(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(models).hasSize(GeminiBackend.MAX_MODEL_PAGES);
        assertThat(upstream.requests()).hasSize(GeminiBackend.MAX_MODEL_PAGES);
    }

    @Test
    void sends_no_key_header_without_an_api_key(Vertx vertx) throws Exception {
        hosted.close();
        host(vertx, new JsonObject());
        upstream.answer(FakeUpstream.json(200, "{\"models\": []}"));

        backend.models().await(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(upstream.next().headers().contains("x-goog-api-key")).isFalse();
    }

    @Test
    void names_a_bad_option(Vertx vertx) {
        assertThatThrownBy(() -> host(vertx, new JsonObject().put("thinkingConfig", "high")))
                .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST))
                .hasMessageStartingWith("options.thinkingConfig:");
        assertThatThrownBy(() -> host(vertx, new JsonObject().put("syntheticThoughtSignatures", "yes")))
                .hasMessageStartingWith("options.syntheticThoughtSignatures:");
        assertThatThrownBy(() -> host(vertx, new JsonObject().put("project", "p")))
                .hasMessageStartingWith("options.project:");
    }

    /** Asks "Hi" and returns the failure that ends the answer. */
    private ChatEvent.Failed chatHi() {
        RecordingSink sink = new RecordingSink();
        backend.chat(chat(List.of(), List.of(user(text("Hi")))), sink);
        return sink.awaitFailure();
    }

    private static ThrowableAssertAlternative<?> assertFails(Future<?> future) {
        return assertThat(future.toCompletionStage())
                .failsWithin(WAIT)
                .withThrowableOfType(ExecutionException.class)
                .havingCause();
    }
}
