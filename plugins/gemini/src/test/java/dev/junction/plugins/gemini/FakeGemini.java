package dev.junction.plugins.gemini;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A Gemini API on 127.0.0.1 and a free port: records each request and answers as a test says. */
final class FakeGemini {

    /** One request as it arrived. */
    record Recorded(HttpMethod method, String path, String query, MultiMap headers, Buffer body) {
        JsonObject json() {
            return new JsonObject(body);
        }
    }

    /** Answers one request. */
    interface Responder {
        void respond(Recorded request, HttpServerResponse response);
    }

    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private volatile Responder responder = (request, response) -> response.setStatusCode(500).end();
    private HttpServer server;

    Future<FakeGemini> start(Vertx vertx) {
        Handler<io.vertx.core.http.HttpServerRequest> handler = request -> request.body().onSuccess(body -> {
            Recorded recorded = new Recorded(
                    request.method(), request.path(), request.query(), MultiMap.caseInsensitiveMultiMap().addAll(request.headers()), body);
            requests.add(recorded);
            responder.respond(recorded, request.response());
        });
        return vertx.createHttpServer().requestHandler(handler).listen(0, "127.0.0.1").map(started -> {
            server = started;
            return this;
        });
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort() + "/v1beta";
    }

    void answer(Responder responder) {
        this.responder = responder;
    }

    List<Recorded> requests() {
        return List.copyOf(requests);
    }

    /** Writes {@code sse} in small pieces, as a network would deliver it. */
    static void stream(HttpServerResponse response, String sse) {
        response.setChunked(true).putHeader("content-type", "text/event-stream");
        byte[] bytes = sse.getBytes(StandardCharsets.UTF_8);
        for (int start = 0; start < bytes.length; start += 97) {
            response.write(Buffer.buffer().appendBytes(bytes, start, Math.min(97, bytes.length - start)));
        }
        response.end();
    }

    static void json(HttpServerResponse response, int status, String body) {
        response.setStatusCode(status).putHeader("content-type", "application/json; charset=UTF-8").end(body);
    }
}
