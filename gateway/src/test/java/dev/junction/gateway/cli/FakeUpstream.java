package dev.junction.gateway.cli;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake model API on 127.0.0.1 and a random port, for a real CLI to talk to offline. It records
 * every request and answers every model call with the current {@link StubReply}, streamed as the
 * real API would (the subclass knows the wire format). A slow reply paces its deltas with timers
 * and stops as soon as the client goes away.
 *
 * <p>Owns its Vert.x instance; {@link #close()} stops both. Thread-safe.
 */
public abstract class FakeUpstream implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger openStreams = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();
    private final List<CompletableFuture<Void>> idleWaiters = new CopyOnWriteArrayList<>();
    private volatile StubReply reply = StubReply.HELLO;
    private HttpServer server;

    /** Starts listening; call once, from the subclass's factory. */
    protected final <T extends FakeUpstream> T listen(Class<T> self) {
        server = await(vertx.createHttpServer()
                .requestHandler(this::receive)
                .listen(0, "127.0.0.1"));
        return self.cast(this);
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    /** Answer every following model call with {@code reply}. */
    public void reply(StubReply reply) {
        this.reply = reply;
    }

    public StubReply reply() {
        return reply;
    }

    /** Every request received so far, in order of arrival. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The POST requests received so far: the CLIs' model calls. */
    public List<RecordedRequest> modelCalls() {
        return requests.stream().filter(RecordedRequest::isModelCall).toList();
    }

    public void clearRequests() {
        requests.clear();
    }

    /** Streaming responses still being written (a slow one whose client has not gone away). */
    public int openStreams() {
        return openStreams.get();
    }

    /** The user's text in a model call, as this API carries it. */
    public abstract String userText(RecordedRequest call);

    /** The system instructions in a model call, as this API carries them. */
    public abstract String systemText(RecordedRequest call);

    /** Completes when no streaming response is open (at once if none is). */
    public CompletableFuture<Void> noOpenStreams() {
        CompletableFuture<Void> idle = new CompletableFuture<>();
        idleWaiters.add(idle);
        if (openStreams.get() == 0) {
            idle.complete(null);
        }
        return idle;
    }

    /** A fresh number for ids in replies. */
    protected final int nextId() {
        return ids.incrementAndGet();
    }

    /** Answers one recorded request; {@code request} is already fully read. */
    protected abstract void handle(HttpServerRequest request, RecordedRequest recorded);

    private void receive(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            Map<String, String> headers = new LinkedHashMap<>();
            request.headers().forEach(entry -> headers.put(entry.getKey().toLowerCase(), entry.getValue()));
            RecordedRequest recorded = new RecordedRequest(request.method().name(), request.uri(), headers, body.toString());
            requests.add(recorded);
            handle(request, recorded);
        });
    }

    /** Sends {@code status} with a JSON body. */
    protected static void json(HttpServerRequest request, int status, JsonObject body) {
        request.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
    }

    /**
     * Streams server-sent events: {@code head}, then one frame per delta ({@link StubReply#delay()}
     * apart after the first), then {@code tail}. Each element is one complete SSE frame.
     */
    protected final void stream(HttpServerRequest request, StubReply reply, List<String> head, List<String> deltas, List<String> tail) {
        HttpServerResponse response = request.response()
                .setChunked(true)
                .putHeader("content-type", "text/event-stream")
                .putHeader("cache-control", "no-cache");
        openStreams.incrementAndGet();
        AtomicInteger closed = new AtomicInteger();
        Runnable done = () -> {
            if (closed.getAndIncrement() == 0 && openStreams.decrementAndGet() == 0) {
                idleWaiters.forEach(idle -> idle.complete(null));
                idleWaiters.clear();
            }
        };
        response.closeHandler(v -> done.run());
        head.forEach(response::write);
        writeDeltas(response, reply, deltas, 0, () -> {
            tail.forEach(response::write);
            response.end();
            done.run();
        }, done);
    }

    private void writeDeltas(HttpServerResponse response, StubReply reply, List<String> deltas, int index, Runnable then, Runnable gone) {
        if (response.closed()) {
            gone.run();
            return;
        }
        if (index == deltas.size()) {
            then.run();
            return;
        }
        response.write(deltas.get(index));
        if (reply.delay().isZero()) {
            writeDeltas(response, reply, deltas, index + 1, then, gone);
        } else {
            vertx.setTimer(reply.delay().toMillis(), id -> writeDeltas(response, reply, deltas, index + 1, then, gone));
        }
    }

    /** One SSE frame with an event name. */
    protected static String event(String name, JsonObject data) {
        return "event: " + name + "\ndata: " + data.encode() + "\n\n";
    }

    /** One SSE frame without an event name. */
    protected static String data(JsonObject data) {
        return "data: " + data.encode() + "\n\n";
    }

    @Override
    public void close() {
        await(vertx.close());
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
