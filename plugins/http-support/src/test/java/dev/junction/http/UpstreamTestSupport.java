package dev.junction.http;

import dev.junction.plugin.testkit.FakeUpstream;
import dev.junction.plugin.testkit.RecordingSink;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Building blocks shared by the client's component tests. */
final class UpstreamTestSupport {

    static final String API_KEY = "sk-test-0123456789abcdef";

    private static boolean warm;

    private UpstreamTestSupport() {}

    /** Options for {@code baseUrl} with the test key; {@code extra} overrides or adds options. */
    static HttpOptions options(String baseUrl, JsonObject extra) {
        JsonObject raw = new JsonObject().put("baseUrl", baseUrl).put("apiKey", API_KEY).mergeIn(extra);
        return HttpOptions.parse(raw, "http://127.0.0.1:9", Set.of());
    }

    /**
     * Runs one stream through a throw-away fake, once per JVM, so that the first test with 1 s
     * deadlines does not spend them loading the HTTP stack's classes.
     */
    static synchronized void warmUp(Vertx vertx) throws Exception {
        if (warm) {
            return;
        }
        FakeUpstream fake = FakeUpstream.start(
                vertx, (request, response) -> response.setChunked(true).end("data: [DONE]\n\n"));
        UpstreamClient client = client(vertx, fake.baseUrl("/v1"), new JsonObject());
        RecordingSink sink = new RecordingSink();
        client.stream("/warm-up", Map.of(), new JsonObject(), new TextHandler(), sink);
        sink.awaitTerminal();
        client.close().await(5, TimeUnit.SECONDS);
        fake.close();
        warm = true;
    }

    static UpstreamClient client(Vertx vertx, String baseUrl, JsonObject extra) {
        return VertxUpstreamClient.create(
                vertx, "up", options(baseUrl, extra), Map.of("Authorization", "Bearer " + API_KEY));
    }
}
