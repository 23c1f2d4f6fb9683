package dev.junction.http;

import dev.junction.plugin.ChatSink;
import dev.junction.plugin.ErrorKind;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Objects;

/**
 * The {@link UpstreamClient} on one Vert.x {@link HttpClient}: keep-alive connections in a pool,
 * compressed answers accepted, https with the JVM's default trust. Every request carries, in
 * increasing precedence, the provider's fixed headers (authentication, API version),
 * {@link HttpOptions#headers()} and the call's own headers.
 *
 * <p>Thread-safe; never blocks. Callbacks run on the Vert.x context of the calling thread, or on an
 * event loop when called from outside Vert.x.
 */
public final class VertxUpstreamClient implements UpstreamClient {

    static final int POOL_SIZE = 64;
    static final int MAX_ANSWER = 16 << 20;

    private final Vertx vertx;
    private final HttpOptions options;
    private final Map<String, String> fixedHeaders;
    private final UpstreamTarget target;
    private final HttpClient client;

    private VertxUpstreamClient(Vertx vertx, String backendId, HttpOptions options, Map<String, String> fixedHeaders) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.options = Objects.requireNonNull(options, "options");
        this.fixedHeaders = Map.copyOf(fixedHeaders);
        this.target = UpstreamTarget.of(backendId, options.baseUrl(), options.apiKey());
        this.client = vertx.createHttpClient(
                new HttpClientOptions()
                        .setConnectTimeout(options.connectTimeoutSeconds() * 1000)
                        .setKeepAlive(true)
                        .setTcpKeepAlive(true)
                        .setDecompressionSupported(true)
                        .setName("junction-upstream-" + backendId),
                new PoolOptions().setHttp1MaxSize(POOL_SIZE));
    }

    /**
     * A client for one backend's upstream at {@link HttpOptions#baseUrl()}.
     *
     * @param backendId named in failure messages
     * @param fixedHeaders the provider's own headers, sent with every request
     * @throws dev.junction.plugin.BackendException {@code INVALID_REQUEST} when the base URL does not parse
     */
    public static UpstreamClient create(
            Vertx vertx, String backendId, HttpOptions options, Map<String, String> fixedHeaders) {
        return new VertxUpstreamClient(vertx, backendId, options, fixedHeaders);
    }

    @Override
    public void stream(String path, Map<String, String> headers, JsonObject body, SseHandler handler, ChatSink sink) {
        Objects.requireNonNull(body, "body");
        relay(path, headers, body.toBuffer(), "text/event-stream", BodyReader.sse(handler), sink);
    }

    @Override
    public void relay(
            String path, Map<String, String> headers, Buffer body, String accept, BodyReader reader, ChatSink sink) {
        Objects.requireNonNull(body, "body");
        new StreamExchange(vertx, target, options, reader, sink)
                .start(client, request(HttpMethod.POST, path, headers, true, accept), body);
    }

    @Override
    public Future<JsonObject> call(HttpMethod method, String path, Map<String, String> headers, JsonObject body) {
        return call(method, path, headers, body, null);
    }

    @Override
    public Future<JsonObject> call(
            HttpMethod method, String path, Map<String, String> headers, JsonObject body, ChatSink cancellation) {
        Promise<JsonObject> answer = Promise.promise();
        Exchange exchange =
                new Exchange(vertx, target, options, failed -> answer.tryFail(UpstreamException.of(failed)));
        if (cancellation != null) {
            cancellation.onCancel(() -> exchange.abort(null));
        }
        RequestOptions request = request(method, path, headers, body != null, "application/json");
        exchange.send(client, request, body == null ? null : body.toBuffer())
                .compose(response -> readAnswer(response, exchange))
                .onComplete(result -> {
                    exchange.close();
                    if (result.succeeded()) {
                        answer.tryComplete(result.result());
                    } else {
                        answer.tryFail(result.cause());
                    }
                });
        return answer.future();
    }

    @Override
    public Future<Void> close() {
        return client.close();
    }

    @Override
    public String toString() {
        return "VertxUpstreamClient[" + target + "]";
    }

    private Future<JsonObject> readAnswer(HttpClientResponse response, Exchange exchange) {
        if (response.statusCode() / 100 != 2) {
            return BoundedBody.head(response, StreamExchange.MAX_ERROR_BODY)
                    .recover(failure -> Future.failedFuture(UpstreamException.of(target.broken(failure))))
                    .compose(body -> Future.failedFuture(UpstreamException.of(target.redact(UpstreamFailures.classify(
                            target.backendId(), response.statusCode(), response.headers(), body)))));
        }
        return BoundedBody.all(response, MAX_ANSWER)
                .recover(failure -> {
                    exchange.abort(null);
                    return Future.failedFuture(UpstreamException.of(target.broken(failure)));
                })
                .compose(this::json);
    }

    private Future<JsonObject> json(Buffer body) {
        if (body.length() == 0) {
            return Future.succeededFuture(new JsonObject());
        }
        try {
            return Future.succeededFuture(new JsonObject(body));
        } catch (DecodeException | ClassCastException e) {
            String start = body.toString().strip();
            return Future.failedFuture(new UpstreamException(
                    ErrorKind.UPSTREAM,
                    target.prefix() + "the upstream's answer is not a JSON object: "
                            + target.redact(start.length() > 200 ? start.substring(0, 200) + "…" : start),
                    null));
        }
    }

    private RequestOptions request(
            HttpMethod method, String path, Map<String, String> callHeaders, boolean hasBody, String accept) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().set(HttpHeaders.ACCEPT, accept);
        if (hasBody) {
            headers.set(HttpHeaders.CONTENT_TYPE, "application/json");
        }
        fixedHeaders.forEach(headers::set);
        options.headers().forEach(headers::set);
        if (callHeaders != null) {
            callHeaders.forEach(headers::set);
        }
        return new RequestOptions()
                .setMethod(method)
                .setAbsoluteURI(options.baseUrl() + relative(path))
                .setHeaders(headers);
    }

    /** {@code path} as it follows the base URL: with a leading slash unless it is empty or a query. */
    private static String relative(String path) {
        if (path == null || path.isEmpty() || path.startsWith("/") || path.startsWith("?")) {
            return path == null ? "" : path;
        }
        return "/" + path;
    }
}
