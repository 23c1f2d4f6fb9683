package dev.junction.plugins.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for the Anthropic API on 127.0.0.1 and a free port: it records every request exactly as
 * it arrived and answers as the test says.
 */
final class FakeAnthropic implements AutoCloseable {

    /** One request as the upstream saw it. */
    record Received(HttpMethod method, String uri, MultiMap headers, Buffer body) {
        JsonObject json() {
            return new JsonObject(body);
        }
    }

    /** How the fake answers one request. */
    interface Responder {
        void respond(Received request, HttpServerResponse response);
    }

    private final HttpServer server;
    private final BlockingQueue<Received> received;

    private FakeAnthropic(HttpServer server, BlockingQueue<Received> received) {
        this.server = server;
        this.received = received;
    }

    static FakeAnthropic start(Vertx vertx, Responder responder) throws Exception {
        BlockingQueue<Received> received = new LinkedBlockingQueue<>();
        HttpServer server = vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> {
                    Received one = new Received(
                            request.method(), request.uri(), MultiMap.caseInsensitiveMultiMap().addAll(request.headers()), body);
                    received.add(one);
                    responder.respond(one, request.response());
                }))
                .listen(0, "127.0.0.1")
                .await(10, TimeUnit.SECONDS);
        return new FakeAnthropic(server, received);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    /** The next request the fake received; fails the test if none comes within 10 seconds. */
    Received next() throws InterruptedException {
        Received next = received.poll(10, TimeUnit.SECONDS);
        assertThat(next).as("a request reached the fake upstream").isNotNull();
        return next;
    }

    /** The requests received so far and not yet taken. */
    int pending() {
        return received.size();
    }

    @Override
    public void close() throws Exception {
        server.close().await(10, TimeUnit.SECONDS);
    }

    /** Writes {@code transcript} as an SSE answer, in pieces that cut events and lines anywhere. */
    static void stream(HttpServerResponse response, String transcript) {
        response.setChunked(true).putHeader("content-type", "text/event-stream; charset=utf-8");
        byte[] bytes = transcript.getBytes(StandardCharsets.UTF_8);
        for (int start = 0; start < bytes.length; start += 37) {
            response.write(Buffer.buffer().appendBytes(bytes, start, Math.min(37, bytes.length - start)));
        }
        response.end();
    }

    /** Answers with {@code status}, a JSON body and {@code extra} headers (name, value, ...). */
    static void json(HttpServerResponse response, int status, JsonObject body, String... extra) {
        response.setStatusCode(status).putHeader("content-type", "application/json");
        for (int i = 0; i + 1 < extra.length; i += 2) {
            response.putHeader(extra[i], extra[i + 1]);
        }
        response.end(body.encode());
    }

    /** Anthropic's error body: {@code {"type":"error","error":{"type","message"},"request_id"}}. */
    static JsonObject error(String type, String message) {
        return new JsonObject()
                .put("type", "error")
                .put("error", new JsonObject().put("type", type).put("message", message))
                .put("request_id", "req_011CSHoEeqs5C35K2UUqR7Fy");
    }
}
