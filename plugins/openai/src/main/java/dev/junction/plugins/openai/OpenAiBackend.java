package dev.junction.plugins.openai;

import dev.junction.http.SseHandler;
import dev.junction.http.UpstreamClient;
import dev.junction.http.UpstreamException;
import dev.junction.plugin.Backend;
import dev.junction.plugin.BackendException;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ChatSink;
import dev.junction.plugin.EmbeddingRequest;
import dev.junction.plugin.Embeddings;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.Relay;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * An OpenAI or OpenAI-compatible API as a backend: chat through Chat Completions
 * ({@code POST /chat/completions}) or, with {@code options.api: responses}, the Responses API
 * ({@code POST /responses}); streamed for streaming clients, one JSON answer otherwise. The
 * upstream's {@code GET /models}, and
 * {@code POST /embeddings}. Token counts are the default estimate: the API has no count endpoint.
 *
 * <p>Non-blocking: every method returns at once and the answer arrives from the HTTP client's
 * callbacks on the event loop. Thread-safe; requests share one connection pool.
 */
final class OpenAiBackend implements Backend {

    private final String id;
    private final OpenAiSettings settings;
    private final UpstreamClient client;
    private final Optional<Relay> relay;

    OpenAiBackend(String id, OpenAiSettings settings, UpstreamClient client) {
        this.id = id;
        this.settings = settings;
        this.client = client;
        this.relay = Optional.of(new OpenAiRelay(id, settings, client));
    }

    /** OpenAI clients' bytes go through as they are when the upstream is on Chat Completions. */
    @Override
    public Optional<Relay> relay() {
        return relay;
    }

    @Override
    public boolean blocking() {
        return false;
    }

    @Override
    public void chat(ChatRequest request, ChatSink sink) {
        boolean responses = settings.api() == OpenAiSettings.Api.RESPONSES;
        JsonObject body;
        try {
            body = responses
                    ? ResponsesRequestEncoder.encode(request, settings)
                    : ChatRequestEncoder.encode(request, settings);
        } catch (BackendException e) {
            sink.emit(e.toEvent());
            return;
        }
        if (responses) {
            ResponsesStreamDecoder decoder = new ResponsesStreamDecoder(id, request.model());
            Map<String, String> headers = Extras.headers(request, ResponsesInput.DIALECT);
            send("/responses", headers, body, request.stream(), decoder, decoder::response, sink);
            return;
        }
        ChatStreamDecoder decoder = new ChatStreamDecoder(id, request.model());
        if (!request.stream()) {
            body.put("stream", false).remove("stream_options");
        }
        send("/chat/completions", ChatRequestEncoder.headers(request), body, request.stream(), decoder,
                decoder::completion, sink);
    }

    /**
     * Streams the answer for a streaming client; else asks for it whole, which costs the upstream
     * and us less than chunks, and reads it with {@code whole}.
     */
    private void send(
            String path,
            Map<String, String> headers,
            JsonObject body,
            boolean stream,
            SseHandler decoder,
            BiConsumer<JsonObject, Consumer<ChatEvent>> whole,
            ChatSink sink) {
        if (stream) {
            client.stream(path, headers, body, decoder, sink);
            return;
        }
        client.call(HttpMethod.POST, path, headers, body, sink)
                .onSuccess(answer -> whole.accept(answer, sink::emit))
                .onFailure(failure -> sink.emit(failed(failure)));
    }

    private ChatEvent.Failed failed(Throwable failure) {
        if (failure instanceof UpstreamException upstream) {
            return upstream.toEvent();
        }
        if (failure instanceof BackendException backend) {
            return backend.toEvent();
        }
        return ChatEvent.Failed.of(ErrorKind.UPSTREAM, "backend '" + id + "': " + failure.getMessage());
    }

    /** The ids of {@code GET /models}, in the upstream's order. */
    @Override
    public Future<List<String>> models() {
        return client.call(HttpMethod.GET, "/models", Map.of(), null).map(this::modelIds);
    }

    @Override
    public Future<Embeddings> embed(EmbeddingRequest request) {
        return client.call(HttpMethod.POST, "/embeddings", Map.of(), EmbeddingsCodec.body(request, settings))
                .map(answer -> EmbeddingsCodec.decode(answer, request, id));
    }

    @Override
    public Future<Void> close() {
        return client.close();
    }

    private List<String> modelIds(JsonObject answer) {
        if (!(answer.getValue("data") instanceof JsonArray data)) {
            throw new BackendException(
                    ErrorKind.UPSTREAM, "backend '" + id + "': the upstream's model list has no 'data' array");
        }
        List<String> ids = new ArrayList<>(data.size());
        for (Object model : data) {
            if (model instanceof JsonObject object && object.getValue("id") instanceof String modelId) {
                ids.add(modelId);
            }
        }
        return ids;
    }
}
