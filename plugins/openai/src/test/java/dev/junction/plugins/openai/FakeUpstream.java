package dev.junction.plugins.openai;

import dev.junction.plugin.testkit.TestBackendContext;
import dev.junction.plugin.Backend;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/** A fake OpenAI on 127.0.0.1 (port 0), and the backend {@code gpt} pointing at it. */
final class FakeUpstream {

    static final String KEY = "sk-test-4f9a1c7e";

    private FakeUpstream() {}

    /**
     * Starts a server that answers with {@code handler} and returns a backend created by the
     * plugin's factory with {@code baseUrl} at that server, {@link #KEY} and {@code options}. Waits
     * on the test thread until the server listens.
     */
    static Backend backend(Vertx vertx, JsonObject options, Handler<HttpServerRequest> handler) {
        int port = vertx.createHttpServer()
                .requestHandler(handler)
                .listen(0, "127.0.0.1")
                .map(server -> server.actualPort())
                .toCompletionStage()
                .toCompletableFuture()
                .join();
        JsonObject all = new JsonObject()
                .put("baseUrl", "http://127.0.0.1:" + port + "/v1")
                .put("apiKey", KEY)
                .mergeIn(options);
        return new OpenAiBackendFactory().create(TestBackendContext.of("gpt", all, vertx));
    }
}
