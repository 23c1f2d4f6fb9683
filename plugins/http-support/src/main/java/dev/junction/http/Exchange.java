package dev.junction.http;

import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.RequestOptions;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One HTTP request to the upstream, with its first-byte and total deadlines. A deadline that
 * expires, or {@link #abort}, resets the request (closing an HTTP/1.1 connection) and reports the
 * reason once to the owner. Thread-safe: abort may come from any thread.
 */
final class Exchange {

    private final UpstreamTarget target;
    private final HttpOptions options;
    private final ExchangeTimers timers;
    private final Consumer<ChatEvent.Failed> onAbort;
    private final AtomicBoolean aborted = new AtomicBoolean();
    private volatile HttpClientRequest request;

    /**
     * @param onAbort told why the exchange was aborted by a deadline or {@link #abort}; called at
     *     most once, from a timer's or the aborting thread
     */
    Exchange(Vertx vertx, UpstreamTarget target, HttpOptions options, Consumer<ChatEvent.Failed> onAbort) {
        this.target = target;
        this.options = options;
        this.timers = new ExchangeTimers(vertx);
        this.onAbort = onAbort;
    }

    /**
     * Sends the request and starts the deadlines. The response arrives with its headers; its body is
     * the caller's to read in the completion callback. Fails with an {@link UpstreamException}:
     * {@link ErrorKind#UNAVAILABLE} when no connection opens, {@link ErrorKind#UPSTREAM} when the
     * connection breaks before the headers.
     *
     * @param body the body, or {@code null} for none
     */
    Future<HttpClientResponse> send(HttpClient client, RequestOptions request, Buffer body) {
        timers.start(
                options.firstByteTimeoutSeconds(),
                () -> abort(target.firstByteTimeout(options.firstByteTimeoutSeconds())),
                options.timeoutSeconds(),
                () -> abort(target.totalTimeout(options.timeoutSeconds())));
        return client.request(request)
                .recover(failure -> Future.failedFuture(UpstreamException.of(target.unreachable(failure))))
                .compose(opened -> send(opened, body))
                .onSuccess(response -> timers.headersArrived());
    }

    /**
     * Resets the request and cancels the deadlines; reports {@code reason} to the owner unless the
     * exchange was aborted before.
     *
     * @param reason why, or {@code null} to report nothing (the caller went away)
     */
    void abort(ChatEvent.Failed reason) {
        if (!aborted.compareAndSet(false, true)) {
            return;
        }
        timers.cancel();
        if (reason != null) {
            // before the reset: resetting may at once fail the response on this thread
            onAbort.accept(reason);
        }
        HttpClientRequest current = request;
        if (current != null) {
            current.reset();
        }
    }

    /** The exchange is over: cancels the deadlines. */
    void close() {
        timers.cancel();
    }

    private Future<HttpClientResponse> send(HttpClientRequest opened, Buffer body) {
        request = opened;
        if (aborted.get()) {
            opened.reset();
            return Future.failedFuture(new UpstreamException(ErrorKind.INTERNAL, "aborted", null));
        }
        Future<HttpClientResponse> response = body == null ? opened.send() : opened.send(body);
        return response.recover(failure -> Future.failedFuture(aborted.get()
                ? new UpstreamException(ErrorKind.INTERNAL, "aborted", null)
                : UpstreamException.of(target.broken(failure))));
    }
}
