package dev.junction.plugins.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.plugin.ChatRequest;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each {@code golden/requests/*.json} holds a canonical request ({@code canonical}), the backend's
 * options ({@code options}, optional), and exactly what goes upstream: the forwarded headers and the
 * {@code /v1/messages} body ({@code upstream}), and the {@code /v1/messages/count_tokens} body
 * ({@code countTokens}, optional).
 */
class GoldenRequestTest {

    static List<Path> fixtures() {
        return Golden.files("requests", ".json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void translates_the_canonical_request_to_exactly_the_recorded_upstream_body(Path fixture) {
        JsonObject golden = new JsonObject(Golden.read(fixture));
        ChatRequest request = CanonicalJson.request(golden.getJsonObject("canonical"));
        AnthropicOptions options = AnthropicOptions.parse(golden.getJsonObject("options", new JsonObject()));
        JsonObject upstream = golden.getJsonObject("upstream");

        assertThat(Golden.normalized(MessagesRequest.body(request, options)))
                .as(golden.getString("about"))
                .isEqualTo(upstream.getJsonObject("body"));
        assertThat(new JsonObject(new java.util.LinkedHashMap<String, Object>(MessagesRequest.headers(request))))
                .as("forwarded headers")
                .isEqualTo(upstream.getJsonObject("headers"));
        if (golden.containsKey("countTokens")) {
            assertThat(Golden.normalized(MessagesRequest.countTokensBody(request, options)))
                    .as("count_tokens body")
                    .isEqualTo(golden.getJsonObject("countTokens"));
        }
    }
}
