package dev.junction.plugins.gemini;

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

/** The gemini plugin keeps the plugin contract, against a fake Gemini API replaying a recorded stream. */
class GeminiContractTest extends BackendContractTest {

    private static final String PATH = "/v1beta/models/gemini-2.5-flash:streamGenerateContent";

    @Override
    protected BackendFactory factory() {
        return new GeminiBackendFactory();
    }

    @Override
    protected Scenario prepare(Kind kind) {
        FakeUpstream upstream = FakeUpstream.start(vertx());
        Scenario scenario = Scenario.of(options(upstream.baseUrl("/v1beta")), ChatRequest.builder("gemini-2.5-flash")
                .messages(Message.text(Message.Role.USER, "Tell me a joke."))
                .build());
        SseReplay text = SseReplay.of(Golden.text("streams/text.sse"));
        return switch (kind) {
            case TEXT -> {
                upstream.route(HttpMethod.POST, PATH, text);
                yield scenario;
            }
            case FAILURE -> {
                upstream.route(HttpMethod.POST, PATH, FakeUpstream.json(429, """
                        {"error": {"code": 429, "message": "You exceeded your current quota.", "status": "RESOURCE_EXHAUSTED"}}"""));
                yield scenario.failingWith(ErrorKind.RATE_LIMITED);
            }
            case SLOW -> {
                upstream.route(HttpMethod.POST, PATH, text.holdingAfter(1));
                yield scenario.stoppedWhen(upstream::connectionClosedWithin);
            }
        };
    }

    @Override
    protected Stream<BadOption> badOptions() {
        JsonObject valid = options("http://127.0.0.1:9/v1beta");
        return Stream.of(
                new BadOption(valid.copy().put("thinkingConfig", "high"), "thinkingConfig"),
                new BadOption(valid.copy().put("syntheticThoughtSignatures", "yes"), "syntheticThoughtSignatures"),
                new BadOption(valid.copy().put("project", "p"), "project"),
                new BadOption(valid.copy().put("firstByteTimeoutSeconds", -1), "firstByteTimeoutSeconds"));
    }

    private static JsonObject options(String baseUrl) {
        return new JsonObject().put("baseUrl", baseUrl).put("apiKey", "AIzaSy-test-key-0123456789");
    }
}
