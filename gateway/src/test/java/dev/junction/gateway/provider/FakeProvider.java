package dev.junction.gateway.provider;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A provider's HTTP API on 127.0.0.1 and a random port, scripted by the test: each request it
 * receives is recorded, then answered with the next {@link Reply} queued, in order, or when none is
 * queued by the {@linkplain #answerWith responder} the test set (an upstream whose answers depend
 * on the request, such as a prompt cache's usage). A stream's server-sent events go out as separate
 * writes, so the client reads them as they would arrive. A request with nothing queued and no
 * responder gets a 500 that says so. Owns its Vert.x instance; thread-safe.
 */
final class FakeProvider implements AutoCloseable {

    /**
     * One request as received.
     *
     * @param headers lower-case names; a repeated header keeps its last value
     */
    record Received(String method, String path, String query, Map<String, String> headers, String body) {

        JsonObject json() {
            return new JsonObject(body);
        }
    }

    /** One scripted answer: a status, headers, and the body in the pieces it is written in. */
    record Reply(int status, Map<String, String> headers, List<String> pieces) {

        /** 200 with a stream of server-sent events, one write per element. */
        static Reply sse(List<String> events) {
            return new Reply(200, Map.of("content-type", "text/event-stream", "cache-control", "no-cache"), events);
        }

        /** {@code status} with a JSON body and optional header name/value pairs. */
        static Reply json(int status, JsonObject body, String... headers) {
            Map<String, String> map = new LinkedHashMap<>();
            map.put("content-type", "application/json");
            for (int i = 0; i + 1 < headers.length; i += 2) {
                map.put(headers[i], headers[i + 1]);
            }
            return new Reply(status, map, List.of(body.encode()));
        }
    }

    private final Vertx vertx = Vertx.vertx();
    private final Deque<Reply> replies = new ConcurrentLinkedDeque<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Function<Received, Reply> responder;
    private HttpServer server;

    private FakeProvider() {}

    static FakeProvider start() {
        FakeProvider fake = new FakeProvider();
        fake.server = await(fake.vertx.createHttpServer().requestHandler(fake::answer).listen(0, "127.0.0.1"));
        return fake;
    }

    /** {@code http://127.0.0.1:<port>}, no trailing slash. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    /** Queues answers for the next requests, in order. */
    void reply(Reply... next) {
        replies.addAll(List.of(next));
    }

    /** Answers each request that finds no reply queued; {@link #reset} forgets it. */
    void answerWith(Function<Received, Reply> next) {
        responder = next;
    }

    /** The requests received so far, oldest first. */
    List<Received> received() {
        return new ArrayList<>(received);
    }

    /** The one request received since the last reset. */
    Received only() {
        List<Received> all = received();
        if (all.size() != 1) {
            throw new AssertionError("expected one request, got " + all.size() + ": " + all);
        }
        return all.get(0);
    }

    /** Forgets what was received and what is queued. */
    void reset() {
        received.clear();
        replies.clear();
        responder = null;
    }

    private void answer(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            Map<String, String> headers = new LinkedHashMap<>();
            request.headers().forEach(header -> headers.put(header.getKey().toLowerCase(), header.getValue()));
            Received one = new Received(request.method().name(), request.path(), request.query(), headers, body.toString());
            received.add(one);
            Reply reply = replies.poll();
            Function<Received, Reply> respond = responder;
            if (reply == null && respond != null) {
                reply = respond.apply(one);
            }
            if (reply == null) {
                reply = Reply.json(500, new JsonObject().put("error", "no reply scripted for " + request.uri()));
            }
            HttpServerResponse response = request.response().setStatusCode(reply.status());
            reply.headers().forEach(response::putHeader);
            response.setChunked(true);
            reply.pieces().forEach(response::write);
            response.end();
        });
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
