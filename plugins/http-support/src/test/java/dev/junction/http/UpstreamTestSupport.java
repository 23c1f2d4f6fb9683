package dev.junction.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;

/** Building blocks shared by the client's component tests. */
final class UpstreamTestSupport {

    static final String API_KEY = "sk-test-0123456789abcdef";

    private UpstreamTestSupport() {}

    /** Options for {@code baseUrl} with the test key; {@code extra} overrides or adds options. */
    static HttpOptions options(String baseUrl, JsonObject extra) {
        JsonObject raw = new JsonObject().put("baseUrl", baseUrl).put("apiKey", API_KEY).mergeIn(extra);
        return HttpOptions.parse(raw, "http://127.0.0.1:9", Set.of());
    }

    static UpstreamClient client(Vertx vertx, String baseUrl, JsonObject extra) {
        return VertxUpstreamClient.create(
                vertx, "up", options(baseUrl, extra), Map.of("Authorization", "Bearer " + API_KEY));
    }
}
