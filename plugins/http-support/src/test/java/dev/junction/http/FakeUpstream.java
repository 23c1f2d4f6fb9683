package dev.junction.http;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A provider's API for tests: a Vert.x HTTP server on 127.0.0.1, port 0. Records each request
 * (its body read in full before the test's handler runs) and notices closed connections.
 */
final class FakeUpstream {

    /** One request as the fake received it. */
    record Received(HttpMethod method, String uri, MultiMap headers, Buffer body) {}

    private final HttpServer server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final CountDownLatch connectionClosed = new CountDownLatch(1);

    private FakeUpstream(HttpServer server) {
        this.server = server;
    }

    /** Starts a fake that answers each request with {@code handler}. */
    static FakeUpstream start(Vertx vertx, Handler<HttpServerRequest> handler) throws Exception {
        HttpServer server = vertx.createHttpServer();
        FakeUpstream fake = new FakeUpstream(server);
        server.connectionHandler(connection -> connection.closeHandler(closed -> fake.connectionClosed.countDown()));
        server.requestHandler(request -> request.body().onSuccess(body -> {
            MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
            fake.received.add(new Received(request.method(), request.uri(), headers, body));
            handler.handle(request);
        }));
        server.listen(0, "127.0.0.1").await(5, TimeUnit.SECONDS);
        return fake;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort() + "/v1";
    }

    int port() {
        return server.actualPort();
    }

    /** The next request the fake received. */
    Received nextRequest() throws InterruptedException {
        Received request = received.poll(5, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("the fake upstream received no request");
        }
        return request;
    }

    /** Whether a client connection closed within {@code millis}. */
    boolean connectionClosedWithin(long millis) throws InterruptedException {
        return connectionClosed.await(millis, TimeUnit.MILLISECONDS);
    }

    void close() throws Exception {
        server.close().await(5, TimeUnit.SECONDS);
    }
}
