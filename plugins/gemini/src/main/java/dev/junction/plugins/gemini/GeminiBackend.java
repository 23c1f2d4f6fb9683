package dev.junction.plugins.gemini;

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
import dev.junction.plugin.TokenCount;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One Gemini API backend: chat through {@code streamGenerateContent?alt=sse}, token counts through
 * {@code countTokens}, embeddings through {@code batchEmbedContents}, the model list through
 * {@code GET models}. Non-blocking: every method returns at once; the upstream client calls back on
 * an event loop. Thread-safe: each request has its own decoder.
 */
final class GeminiBackend implements Backend {

    /** How many pages of the model list are read at most (1,000 models each). */
    static final int MAX_MODEL_PAGES = 10;

    private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?");
    private static final int CHARACTERS_PER_TOKEN = 4;

    private final String id;
    private final GeminiOptions options;
    private final UpstreamClient client;
    private final GeminiRequestEncoder encoder;

    GeminiBackend(String id, GeminiOptions options, UpstreamClient client) {
        this.id = id;
        this.options = options;
        this.client = client;
        this.encoder = new GeminiRequestEncoder(options.syntheticThoughtSignatures(), options.thinkingConfig());
    }

    @Override
    public boolean blocking() {
        return false;
    }

    @Override
    public void chat(ChatRequest request, ChatSink sink) {
        String resource;
        JsonObject body;
        try {
            resource = resource(request.model());
            body = encoder.encode(request);
        } catch (BackendException e) {
            sink.emit(e.toEvent());
            return;
        }
        client.stream(
                "/" + resource + ":streamGenerateContent?alt=sse",
                Map.of(),
                body,
                new GeminiStreamDecoder(displayName(resource), id),
                new RefiningSink(sink));
    }

    @Override
    public Future<List<String>> models() {
        return modelPage(null, new ArrayList<>(), 1);
    }

    private Future<List<String>> modelPage(String pageToken, List<String> names, int page) {
        String query = "?pageSize=1000" + (pageToken == null ? "" : "&pageToken=" + URLEncoder.encode(pageToken, StandardCharsets.UTF_8));
        return call(HttpMethod.GET, "/models" + query, null).compose(answer -> {
            if (answer.getValue("models") instanceof JsonArray models) {
                for (Object model : models) {
                    if (model instanceof JsonObject object && object.getValue("name") instanceof String name) {
                        names.add(displayName(name));
                    }
                }
            }
            String next = answer.getValue("nextPageToken") instanceof String token && !token.isEmpty() ? token : null;
            return next == null || page >= MAX_MODEL_PAGES
                    ? Future.succeededFuture(List.copyOf(names))
                    : modelPage(next, names, page + 1);
        });
    }

    @Override
    public Future<TokenCount> countTokens(ChatRequest request) {
        String resource;
        JsonObject body;
        try {
            resource = resource(request.model());
            body = new JsonObject().put("generateContentRequest", new JsonObject().put("model", resource).mergeIn(encoder.prompt(request)));
        } catch (BackendException e) {
            return Future.failedFuture(e);
        }
        return call(HttpMethod.POST, "/" + resource + ":countTokens", body).compose(answer -> {
            if (answer.getValue("totalTokens") instanceof Number total) {
                return Future.succeededFuture(new TokenCount(total.intValue(), true));
            }
            return Future.failedFuture(new BackendException(ErrorKind.UPSTREAM,
                    "backend '" + id + "': Gemini's token count has no totalTokens."));
        });
    }

    @Override
    public Future<Embeddings> embed(EmbeddingRequest request) {
        String resource;
        try {
            resource = resource(request.model());
        } catch (BackendException e) {
            return Future.failedFuture(e);
        }
        JsonArray requests = new JsonArray();
        int tokens = 0;
        for (String text : request.input()) {
            JsonObject one = new JsonObject()
                    .put("model", resource)
                    .put("content", new JsonObject().put("parts", new JsonArray().add(new JsonObject().put("text", text))));
            if (request.dimensions() != null) {
                one.put("outputDimensionality", request.dimensions());
            }
            requests.add(one);
            tokens += (text.length() + CHARACTERS_PER_TOKEN - 1) / CHARACTERS_PER_TOKEN;
        }
        int estimate = tokens;
        return call(HttpMethod.POST, "/" + resource + ":batchEmbedContents", new JsonObject().put("requests", requests))
                .compose(answer -> vectors(answer, request.input().size())
                        .map(vectors -> new Embeddings(displayName(resource), vectors, estimate)));
    }

    private Future<List<List<Double>>> vectors(JsonObject answer, int expected) {
        List<List<Double>> vectors = new ArrayList<>();
        if (answer.getValue("embeddings") instanceof JsonArray embeddings) {
            for (Object embedding : embeddings) {
                if (embedding instanceof JsonObject object && object.getValue("values") instanceof JsonArray values) {
                    List<Double> vector = new ArrayList<>(values.size());
                    for (Object value : values) {
                        vector.add(value instanceof Number number ? number.doubleValue() : Double.NaN);
                    }
                    vectors.add(vector);
                }
            }
        }
        if (vectors.size() != expected) {
            return Future.failedFuture(new BackendException(ErrorKind.UPSTREAM, "backend '" + id + "': Gemini returned "
                    + vectors.size() + " embeddings for " + expected + " inputs."));
        }
        return Future.succeededFuture(vectors);
    }

    @Override
    public Future<Void> close() {
        return client.close();
    }

    private Future<JsonObject> call(HttpMethod method, String path, JsonObject body) {
        return client.call(method, path, Map.of(), body).recover(failure -> {
            if (failure instanceof UpstreamException upstream) {
                return Future.failedFuture(UpstreamException.of(GeminiErrors.refine(upstream.toEvent(), id)));
            }
            return Future.failedFuture(failure);
        });
    }

    /**
     * The upstream resource of a requested model: {@code models/<name>} for a plain name (after
     * {@code options.modelMap}), a resource name such as {@code tunedModels/x} as it is.
     */
    private String resource(String requested) {
        String model = options.http().upstreamModel(requested);
        if (!MODEL.matcher(model).matches() || model.contains("..")) {
            throw GeminiContents.invalid("'" + model + "' is not a Gemini model name.");
        }
        return model.contains("/") ? model : "models/" + model;
    }

    private static String displayName(String resource) {
        return resource.startsWith("models/") ? resource.substring("models/".length()) : resource;
    }

    /** Passes events on; a failure that is Gemini's wrong-key 400 becomes the gateway's authentication failure. */
    private final class RefiningSink implements ChatSink {

        private final ChatSink sink;

        RefiningSink(ChatSink sink) {
            this.sink = sink;
        }

        @Override
        public void emit(ChatEvent event) {
            sink.emit(event instanceof ChatEvent.Failed failed ? GeminiErrors.refine(failed, id) : event);
        }

        @Override
        public boolean cancelled() {
            return sink.cancelled();
        }

        @Override
        public void onCancel(Runnable action) {
            sink.onCancel(action);
        }

        @Override
        public boolean ready() {
            return sink.ready();
        }

        @Override
        public void onReady(Runnable action) {
            sink.onReady(action);
        }
    }
}
