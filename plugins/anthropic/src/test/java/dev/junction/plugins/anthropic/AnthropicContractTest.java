package dev.junction.plugins.anthropic;

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

/** The anthropic plugin keeps the plugin contract, against a fake Messages API replaying recorded streams. */
class AnthropicContractTest extends BackendContractTest {

    private static final String PATH = "/v1/messages";

    @Override
    protected BackendFactory factory() {
        return new AnthropicBackendFactory();
    }

    @Override
    protected Scenario prepare(Kind kind) {
        FakeUpstream upstream = FakeUpstream.start(vertx());
        Scenario scenario = Scenario.of(options(upstream.baseUrl()), ChatRequest.builder("claude-sonnet-4-5")
                .messages(Message.text(Message.Role.USER, "Hello"))
                .build());
        SseReplay text = SseReplay.of(Golden.text("streams/text.sse"));
        return switch (kind) {
            case TEXT -> {
                upstream.route(HttpMethod.POST, PATH, text);
                yield scenario;
            }
            case FAILURE -> {
                upstream.route(HttpMethod.POST, PATH,
                        FakeUpstream.json(529, AnthropicBackendTest.error("overloaded_error", "Overloaded")));
                yield scenario.failingWith(ErrorKind.OVERLOADED);
            }
            case SLOW -> {
                upstream.route(HttpMethod.POST, PATH, text.holdingAfter(4));
                yield scenario.stoppedWhen(upstream::connectionClosedWithin);
            }
        };
    }

    @Override
    protected Stream<BadOption> badOptions() {
        JsonObject valid = options("http://127.0.0.1:9");
        return Stream.of(
                new BadOption(valid.copy().put("maxTokens", "lots"), "maxTokens"),
                new BadOption(valid.copy().put("maxTokens", 0), "maxTokens"),
                new BadOption(valid.copy().put("autoCache", "yes"), "autoCache"),
                new BadOption(valid.copy().put("baseUrl", "api.anthropic.com"), "baseUrl"),
                new BadOption(valid.copy().put("model", "claude"), "model"));
    }

    private static JsonObject options(String baseUrl) {
        return new JsonObject().put("baseUrl", baseUrl).put("apiKey", "sk-ant-api03-test-key-0123456789");
    }
}
