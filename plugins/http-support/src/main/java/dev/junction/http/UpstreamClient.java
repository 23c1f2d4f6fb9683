package dev.junction.http;

import dev.junction.plugin.ChatSink;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * A provider's HTTP API as one backend sees it: {@link HttpOptions#baseUrl()} with its key and
 * headers. Non-blocking: every method returns at once and works on Vert.x's event loop; no thread
 * is held while the upstream answers.
 */
public interface UpstreamClient {

    /**
     * POSTs {@code body} to {@code path} and streams the answer's server-sent events through
     * {@code handler} into {@code sink}, as each chunk arrives. Ends the sink with exactly one
     * terminal event: the handler's, {@link SseHandler#onEnd}'s, a classified HTTP failure
     * ({@link UpstreamFailures}) or a timeout. A cancel of the sink aborts the HTTP request.
     *
     * @param path appended to the base URL, with its query ({@code /chat/completions})
     * @param headers request headers on top of the client's own (authentication, options.headers)
     */
    void stream(String path, Map<String, String> headers, JsonObject body, SseHandler handler, ChatSink sink);

    /**
     * POSTs {@code body}, bytes as they are, to {@code path} and reads a 2xx answer through
     * {@code reader} into {@code sink} as each chunk arrives; otherwise like {@link #stream}: one
     * terminal event, classified failures, timeouts, a cancel aborts the HTTP request.
     *
     * @param accept the {@code Accept} header: {@code text/event-stream} or {@code application/json}
     */
    void relay(String path, Map<String, String> headers, Buffer body, String accept, BodyReader reader, ChatSink sink);

    /**
     * Sends one request and returns the JSON answer (an empty body is an empty object); a failure
     * is an {@link UpstreamException} (a {@link dev.junction.plugin.BackendException}) with the
     * classified kind and, for rate limits and overload, when to retry.
     *
     * @param body the JSON body, or {@code null} for none (GET)
     */
    Future<JsonObject> call(HttpMethod method, String path, Map<String, String> headers, JsonObject body);

    /**
     * Like {@link #call(HttpMethod, String, Map, JsonObject)}, for the answer to one chat request:
     * when {@code cancellation} is cancelled (the client went away) the HTTP request is aborted and
     * the future never completes with a result.
     */
    Future<JsonObject> call(
            HttpMethod method, String path, Map<String, String> headers, JsonObject body, ChatSink cancellation);

    /** Closes the underlying HTTP client. */
    Future<Void> close();
}
