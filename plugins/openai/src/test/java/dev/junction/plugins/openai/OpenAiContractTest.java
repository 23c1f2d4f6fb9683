package dev.junction.plugins.openai;

import dev.junction.plugin.BackendFactory;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.Message;
import dev.junction.plugin.testkit.BackendContractTest;
import dev.junction.plugin.testkit.FakeUpstream;
import dev.junction.plugin.testkit.Golden;
import dev.junction.plugin.testkit.Scenario;
import dev.junction.plugin.testkit.SseReplay;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.stream.Stream;

/** The openai plugin keeps the plugin contract, against a fake OpenAI replaying a recorded stream. */
class OpenAiContractTest extends BackendContractTest {

    private static final String PATH = "/v1/chat/completions";

    @Override
    protected BackendFactory factory() {
        return new OpenAiBackendFactory();
    }

    @Override
    protected Scenario prepare(Kind kind) {
        FakeUpstream upstream = FakeUpstream.start(vertx());
        Scenario scenario = Scenario.of(options(upstream.baseUrl("/v1")), request());
        return switch (kind) {
            case TEXT -> {
                upstream.route(HttpMethod.POST, PATH, SseReplay.of(Golden.text("streams/text.sse")));
                yield scenario;
            }
            case FAILURE -> {
                upstream.route(HttpMethod.POST, PATH, FakeUpstream.json(429, new JsonObject()
                        .put("error", new JsonObject()
                                .put("message", "Rate limit reached for gpt-4o-mini.")
                                .put("type", "requests")
                                .put("code", "rate_limit_exceeded")), "retry-after", "7"));
                yield scenario.failingWith(ErrorKind.RATE_LIMITED);
            }
            case SLOW -> {
                upstream.route(HttpMethod.POST, PATH, SseReplay.of(Golden.text("streams/text.sse")).holdingAfter(2));
                yield scenario.stoppedWhen(upstream::connectionClosedWithin);
            }
        };
    }

    @Override
    protected Stream<BadOption> badOptions() {
        JsonObject valid = options("http://127.0.0.1:9/v1");
        return Stream.of(
                new BadOption(valid.copy().put("flavor", "azure"), "flavor"),
                new BadOption(valid.copy().put("api", "assistants"), "api"),
                new BadOption(valid.copy().put("baseUrl", "ftp://example.com"), "baseUrl"),
                new BadOption(valid.copy().put("timeoutSeconds", 0), "timeoutSeconds"),
                new BadOption(valid.copy().put("temperature", 1), "temperature"));
    }

    private static JsonObject options(String baseUrl) {
        return new JsonObject().put("baseUrl", baseUrl).put("apiKey", "sk-test-4f9a1c7e");
    }

    private static ChatRequest request() {
        return ChatRequest.builder("gpt-4o-mini")
                .messages(Message.text(Message.Role.USER, "Hello"))
                .build();
    }
}
