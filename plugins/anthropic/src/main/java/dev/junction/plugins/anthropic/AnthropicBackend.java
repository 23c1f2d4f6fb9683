package dev.junction.plugins.anthropic;

import dev.junction.http.UpstreamClient;
import dev.junction.plugin.Backend;
import dev.junction.plugin.BackendException;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ChatSink;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.TokenCount;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Anthropic Messages API as a backend: {@code POST /v1/messages} streamed for chat,
 * {@code POST /v1/messages/count_tokens} for exact token counts, {@code GET /v1/models} for the model
 * list. Non-blocking: every method returns at once and the {@link UpstreamClient} does the I/O on
 * Vert.x's event loop. Anthropic makes no embeddings, so {@link #embed} keeps its default refusal.
 */
final class AnthropicBackend implements Backend {

    static final String MESSAGES = "/v1/messages";
    static final String COUNT_TOKENS = "/v1/messages/count_tokens";
    static final String MODELS = "/v1/models";

    /** The largest page {@code GET /v1/models} gives. */
    static final int MODELS_PAGE_SIZE = 1000;

    /** How many pages of models to follow before the list is long enough for anyone. */
    static final int MAX_MODEL_PAGES = 10;

    private final String id;
    private final AnthropicOptions options;
    private final UpstreamClient client;

    AnthropicBackend(String id, AnthropicOptions options, UpstreamClient client) {
        this.id = id;
        this.options = options;
        this.client = client;
    }

    @Override
    public boolean blocking() {
        return false;
    }

    @Override
    public void chat(ChatRequest request, ChatSink sink) {
        JsonObject body;
        try {
            body = MessagesRequest.body(request, options);
        } catch (BackendException e) {
            sink.emit(e.toEvent());
            return;
        }
        client.stream(MESSAGES, MessagesRequest.headers(request), body, new MessagesStream(id), sink);
    }

    /** Exact, from the upstream; a failure is the upstream's, classified, never an estimate. */
    @Override
    public Future<TokenCount> countTokens(ChatRequest request) {
        JsonObject body;
        try {
            body = MessagesRequest.countTokensBody(request, options);
        } catch (BackendException e) {
            return Future.failedFuture(e);
        }
        return client.call(HttpMethod.POST, COUNT_TOKENS, MessagesRequest.headers(request), body)
                .compose(answer -> {
                    Integer tokens = Json.integer(answer, "input_tokens");
                    return tokens == null
                            ? Future.failedFuture(new BackendException(
                                    ErrorKind.UPSTREAM,
                                    "backend '" + id + "': the upstream's token count has no input_tokens"))
                            : Future.succeededFuture(new TokenCount(tokens, true));
                });
    }

    /** The ids of {@code GET /v1/models}, newest first as the upstream lists them, every page up to a bound. */
    @Override
    public Future<List<String>> models() {
        return modelsFrom(null, new ArrayList<>(), 1);
    }

    private Future<List<String>> modelsFrom(String afterId, List<String> ids, int page) {
        String path = MODELS + "?limit=" + MODELS_PAGE_SIZE
                + (afterId == null ? "" : "&after_id=" + URLEncoder.encode(afterId, StandardCharsets.UTF_8));
        return client.call(HttpMethod.GET, path, Map.of(), null).compose(answer -> {
            for (Object entry : Json.array(answer, "data")) {
                if (entry instanceof JsonObject model && Json.string(model, "id") != null) {
                    ids.add(Json.string(model, "id"));
                }
            }
            String lastId = Json.string(answer, "last_id");
            if (Json.isTrue(answer, "has_more") && lastId != null && page < MAX_MODEL_PAGES) {
                return modelsFrom(lastId, ids, page + 1);
            }
            return Future.succeededFuture(List.copyOf(ids));
        });
    }

    @Override
    public Future<Void> close() {
        return client.close();
    }

    @Override
    public String toString() {
        return "AnthropicBackend[" + id + " at " + options.http().baseUrl() + "]";
    }
}
