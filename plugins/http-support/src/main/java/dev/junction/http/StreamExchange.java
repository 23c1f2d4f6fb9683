package dev.junction.http;

import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatSink;
import dev.junction.plugin.ErrorKind;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.RequestOptions;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One streamed answer: sends the request, feeds a 2xx body through a {@link BodyReader} (server-sent
 * events into an {@link SseHandler}, or a relay's bytes) as chunks arrive, and ends the sink with
 * exactly one terminal event. The reader runs on the response's context, one call at a time; a
 * timeout or a cancel may come from any thread, so the terminal is guarded by one flag.
 *
 * <p>Flow control: after a chunk that leaves the sink not {@link ChatSink#ready() ready}, the
 * response is paused until the sink calls back; the client's connection then stops reading, so the
 * upstream's own TCP flow control slows it down instead of the gateway's heap filling up.
 */
final class StreamExchange {

    static final int MAX_ERROR_BODY = 1 << 20;

    private final UpstreamTarget target;
    private final BodyReader reader;
    private final ChatSink sink;
    private final Exchange exchange;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final Vertx vertx;

    StreamExchange(Vertx vertx, UpstreamTarget target, HttpOptions options, BodyReader reader, ChatSink sink) {
        this.vertx = vertx;
        this.target = target;
        this.reader = reader;
        this.sink = sink;
        this.exchange = new Exchange(vertx, target, options, this::finish);
    }

    void start(HttpClient client, RequestOptions request, Buffer body) {
        if (sink.cancelled()) {
            return;
        }
        sink.onCancel(this::cancel);
        if (ended.get()) {
            return;
        }
        exchange.send(client, request, body).onComplete(this::onResponse);
    }

    private void onResponse(AsyncResult<HttpClientResponse> result) {
        if (result.failed()) {
            exchange.close();
            finish(eventOf(result.cause()));
            return;
        }
        HttpClientResponse response = result.result();
        if (response.statusCode() / 100 == 2) {
            relay(response);
        } else {
            BoundedBody.head(response, MAX_ERROR_BODY).onComplete(body -> {
                exchange.close();
                finish(body.succeeded()
                        ? target.redact(UpstreamFailures.classify(
                                target.backendId(), response.statusCode(), response.headers(), body.result()))
                        : target.broken(body.cause()));
            });
        }
    }

    private void relay(HttpClientResponse response) {
        Context context = vertx.getOrCreateContext();
        response.handler(chunk -> {
            if (!ended.get()) {
                read(chunk);
                pauseUnlessReady(response, context);
            }
        });
        response.exceptionHandler(failure -> upstreamEnded(false));
        response.endHandler(done -> upstreamEnded(true));
    }

    /** Pauses the response while the client cannot take more; resumes it on its own context. */
    private void pauseUnlessReady(HttpClientResponse response, Context context) {
        if (!ended.get() && !sink.ready()) {
            response.pause();
            sink.onReady(() -> context.runOnContext(ready -> response.resume()));
        }
    }

    private void read(Buffer chunk) {
        try {
            reader.chunk(chunk, this::forward);
        } catch (RuntimeException e) {
            finish(handlerFailed(e));
            exchange.abort(null);
        }
    }

    private void forward(ChatEvent event) {
        if (event.terminal()) {
            finish(event);
        } else if (!ended.get()) {
            sink.emit(event);
        }
    }

    private void upstreamEnded(boolean clean) {
        exchange.close();
        if (ended.get()) {
            return;
        }
        ChatEvent last;
        try {
            last = reader.end(clean, this::forward);
        } catch (RuntimeException e) {
            last = handlerFailed(e);
        }
        if (last != null && !last.terminal()) {
            forward(last);
            last = null;
        }
        finish(last != null
                ? last
                : ChatEvent.Failed.of(
                        ErrorKind.INTERNAL, target.prefix() + "the stream ended without a terminal event"));
    }

    private void cancel() {
        ended.set(true);
        exchange.abort(null);
    }

    private void finish(ChatEvent terminal) {
        if (ended.compareAndSet(false, true)) {
            sink.emit(terminal);
        }
    }

    private ChatEvent.Failed handlerFailed(RuntimeException e) {
        return ChatEvent.Failed.of(
                ErrorKind.INTERNAL,
                target.prefix() + "could not read the upstream's stream: " + target.redact(String.valueOf(e)));
    }

    private static ChatEvent.Failed eventOf(Throwable failure) {
        return failure instanceof UpstreamException upstream
                ? upstream.toEvent()
                : ChatEvent.Failed.of(ErrorKind.INTERNAL, String.valueOf(failure.getMessage()));
    }
}
