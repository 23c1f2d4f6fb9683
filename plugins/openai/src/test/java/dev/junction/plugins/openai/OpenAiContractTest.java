package dev.junction.plugins.openai;

import dev.junction.plugin.BackendFactory;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.Message;
import dev.junction.plugin.testkit.FakeUpstream;
import dev.junction.plugin.testkit.HttpBackendContractTest;
import io.vertx.core.json.JsonObject;
import java.util.stream.Stream;

/** The openai plugin keeps the plugin contract, against a fake OpenAI replaying a recorded stream. */
class OpenAiContractTest extends HttpBackendContractTest {

    @Override
    protected BackendFactory factory() {
        return new OpenAiBackendFactory();
    }

    @Override
    protected JsonObject options(String root) {
        return new JsonObject().put("baseUrl", root + "/v1").put("apiKey", OpenAiUpstream.KEY);
    }

    @Override
    protected ChatRequest request() {
        return ChatRequest.builder("gpt-4o-mini").messages(Message.text(Message.Role.USER, "Hello")).build();
    }

    @Override
    protected String chatPath() {
        return "/v1/chat/completions";
    }

    @Override
    protected UpstreamFailure failure() {
        return new UpstreamFailure(
                FakeUpstream.json(429, new JsonObject().put("error", new JsonObject()
                        .put("message", "Rate limit reached for gpt-4o-mini.")
                        .put("type", "requests")
                        .put("code", "rate_limit_exceeded")), "retry-after", "7"),
                ErrorKind.RATE_LIMITED);
    }

    @Override
    protected Stream<BadOption> badOptions() {
        JsonObject valid = options("http://127.0.0.1:9");
        return Stream.of(
                new BadOption(valid.copy().put("flavor", "azure"), "flavor"),
                new BadOption(valid.copy().put("api", "assistants"), "api"),
                new BadOption(valid.copy().put("baseUrl", "ftp://example.com"), "baseUrl"),
                new BadOption(valid.copy().put("timeoutSeconds", 0), "timeoutSeconds"),
                new BadOption(valid.copy().put("temperature", 1), "temperature"));
    }
}
