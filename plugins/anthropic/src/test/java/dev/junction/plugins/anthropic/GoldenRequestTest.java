package dev.junction.plugins.anthropic;

import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.testkit.CanonicalJson;
import dev.junction.plugin.testkit.Golden;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each {@code golden/requests/*.json} holds what it is {@code about}, a canonical request
 * ({@code canonical}, as {@link CanonicalJson} reads it), the backend's options ({@code options},
 * optional), and exactly what goes upstream: the forwarded headers and the {@code /v1/messages} body
 * ({@code upstream}), and the {@code /v1/messages/count_tokens} body ({@code countTokens}, optional).
 */
class GoldenRequestTest {

    static List<String> fixtures() {
        return Golden.names("requests", ".json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void translates_the_canonical_request_to_exactly_the_recorded_upstream_body(String fixture) {
        String path = "requests/" + fixture;
        JsonObject golden = Golden.json(path);
        ChatRequest request = CanonicalJson.request(golden.getJsonObject("canonical"));
        AnthropicOptions options = AnthropicOptions.parse(golden.getJsonObject("options", new JsonObject()));

        Golden.assertJson(path, "upstream.body", MessagesRequest.body(request, options));
        Golden.assertJson(
                path, "upstream.headers", new JsonObject(new LinkedHashMap<String, Object>(MessagesRequest.headers(request))));
        if (golden.containsKey("countTokens")) {
            Golden.assertJson(path, "countTokens", MessagesRequest.countTokensBody(request, options));
        }
    }
}
