package dev.junction.plugins.gemini;

import dev.junction.plugin.BackendFactory;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.Message;
import dev.junction.plugin.testkit.FakeUpstream;
import dev.junction.plugin.testkit.HttpBackendContractTest;
import io.vertx.core.json.JsonObject;
import java.util.stream.Stream;

/** The gemini plugin keeps the plugin contract, against a fake Gemini API replaying a recorded stream. */
class GeminiContractTest extends HttpBackendContractTest {

    @Override
    protected BackendFactory factory() {
        return new GeminiBackendFactory();
    }

    @Override
    protected JsonObject options(String root) {
        return new JsonObject().put("baseUrl", root + "/v1beta").put("apiKey", "AIzaSy-test-key-0123456789");
    }

    @Override
    protected ChatRequest request() {
        return ChatRequest.builder("gemini-2.5-flash")
                .messages(Message.text(Message.Role.USER, "Tell me a joke."))
                .build();
    }

    @Override
    protected String chatPath() {
        return "/v1beta/models/gemini-2.5-flash:streamGenerateContent";
    }

    @Override
    protected UpstreamFailure failure() {
        return new UpstreamFailure(FakeUpstream.json(429, """
                {"error": {"code": 429, "message": "You exceeded your current quota.", "status": "RESOURCE_EXHAUSTED"}}"""),
                ErrorKind.RATE_LIMITED);
    }

    @Override
    protected Stream<BadOption> badOptions() {
        JsonObject valid = options("http://127.0.0.1:9");
        return Stream.of(
                new BadOption(valid.copy().put("thinkingConfig", "high"), "thinkingConfig"),
                new BadOption(valid.copy().put("syntheticThoughtSignatures", "yes"), "syntheticThoughtSignatures"),
                new BadOption(valid.copy().put("project", "p"), "project"),
                new BadOption(valid.copy().put("firstByteTimeoutSeconds", -1), "firstByteTimeoutSeconds"));
    }
}
