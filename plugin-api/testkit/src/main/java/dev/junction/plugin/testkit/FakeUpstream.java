package dev.junction.plugin.testkit;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provider's HTTP API for a test: a Vert.x HTTP server on 127.0.0.1 and a free port. It records
 * every request it receives (its body read in full before the answer starts), answers by method and
 * path ({@link #route}) or else with the default answer ({@link #answer}, a 500 until set), counts
 * connections and notices closed ones. Canned answers: {@link #json}, {@link #status},
 * {@link SseReplay} for streams.
 *
 * <p>Thread-safe. The blocking methods ({@link #start}, {@link #next}, {@link #close}) are for the
 * test thread, never an event loop.
 *
 * @since 1.0.0
 */
public final class FakeUpstream implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** One request as the fake received it. */
    public record Received(HttpMethod method, String path, String query, MultiMap headers, Buffer body) {

        /** The path and, if any, the query, as sent. */
        public String uri() {
            return query == null ? path : path + "?" + query;
        }

        /** The body as a JSON object. */
        public JsonObject json() {
            return new JsonObject(body);
        }
    }

    /** Answers one request. Runs on the fake's event loop: must not block. */
    @FunctionalInterface
    public interface Responder {
        void respond(Received request, HttpServerResponse response);
    }

    private record Route(HttpMethod method, String path) {}

    private final Map<Route, Responder> routes = new ConcurrentHashMap<>();
    private final List<Received> received = new ArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger closedConnections = new AtomicInteger();
    private volatile Responder fallback = status(500);
    private HttpServer server;
    /** How many received requests {@link #next()} has taken. */
    private int taken;

    private FakeUpstream() {}

    /** Starts a fake on {@code vertx}; waits until it listens. */
    public static FakeUpstream start(Vertx vertx) {
        FakeUpstream fake = new FakeUpstream();
        fake.server = vertx.createHttpServer()
                .connectionHandler(connection -> {
                    fake.connections.incrementAndGet();
                    connection.closeHandler(closed -> fake.connectionClosed());
                })
                .requestHandler(fake::handle);
        await(fake.server.listen(0, "127.0.0.1"), "the fake upstream to listen");
        return fake;
    }

    /** Starts a fake whose default answer is {@code responder}. */
    public static FakeUpstream start(Vertx vertx, Responder responder) {
        return start(vertx).answer(responder);
    }

    /** Answers requests of {@code method} to exactly {@code path} (without the query) with {@code responder}. */
    public FakeUpstream route(HttpMethod method, String path, Responder responder) {
        routes.put(new Route(method, path), responder);
        return this;
    }

    /** Answers requests that match no {@link #route} with {@code responder}. */
    public FakeUpstream answer(Responder responder) {
        fallback = responder;
        return this;
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** {@link #baseUrl()} followed by {@code path}, such as {@code "/v1"}. */
    public String baseUrl(String path) {
        return baseUrl() + path;
    }

    public int port() {
        return server.actualPort();
    }

    /** The requests received so far, in order. */
    public synchronized List<Received> requests() {
        return List.copyOf(received);
    }

    /**
     * The next request not yet taken by this method, in the order they came; waits up to 10 seconds
     * for it and fails the test if none comes.
     */
    public synchronized Received next() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (taken >= received.size()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("the fake upstream received no request within " + WAIT + " (" + taken + " before)");
            }
            waitNanos(left);
        }
        return received.get(taken++);
    }

    /** How many requests came that {@link #next()} has not taken. */
    public synchronized int pending() {
        return received.size() - taken;
    }

    /** How many connections clients opened so far. */
    public int connections() {
        return connections.get();
    }

    /** How many client connections closed so far. */
    public int closedConnections() {
        return closedConnections.get();
    }

    /** Whether a client connection closed within {@code window} (at once if one already did). */
    public synchronized boolean connectionClosedWithin(Duration window) {
        long deadline = System.nanoTime() + window.toNanos();
        while (closedConnections.get() == 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            waitNanos(left);
        }
        return true;
    }

    /** Stops the server (closing its connections); waits until it has. */
    @Override
    public void close() {
        await(server.close(), "the fake upstream to close");
    }

    /** The canned answer {@code status} with a JSON {@code body} and {@code headers} (name, value, ...). */
    public static Responder json(int status, JsonObject body, String... headers) {
        return json(status, body.encode(), headers);
    }

    /** The canned answer {@code status} with a JSON array {@code body}. */
    public static Responder json(int status, JsonArray body, String... headers) {
        return json(status, body.encode(), headers);
    }

    /** The canned answer {@code status} with {@code body} as JSON and {@code headers} (name, value, ...). */
    public static Responder json(int status, String body, String... headers) {
        return (request, response) -> {
            response.setStatusCode(status).putHeader("content-type", "application/json");
            for (int i = 0; i + 1 < headers.length; i += 2) {
                response.putHeader(headers[i], headers[i + 1]);
            }
            response.end(body);
        };
    }

    /** The canned answer {@code status} with an empty body. */
    public static Responder status(int status) {
        return (request, response) -> response.setStatusCode(status).end();
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            Received one = new Received(
                    request.method(),
                    request.path(),
                    request.query(),
                    MultiMap.caseInsensitiveMultiMap().addAll(request.headers()),
                    body);
            synchronized (this) {
                received.add(one);
                notifyAll();
            }
            routes.getOrDefault(new Route(request.method(), request.path()), fallback)
                    .respond(one, request.response());
        });
    }

    private synchronized void connectionClosed() {
        closedConnections.incrementAndGet();
        notifyAll();
    }

    private void waitNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.timedWait(this, nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting on the fake upstream", e);
        }
    }

    private static <T> T await(io.vertx.core.Future<T> future, String what) {
        try {
            return future.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("timed out or failed waiting for " + what, e);
        }
    }
}
