package dev.junction.plugins.anthropic;

import dev.junction.plugin.BackendFactory;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.Message;
import dev.junction.plugin.testkit.FakeUpstream;
import dev.junction.plugin.testkit.HttpBackendContractTest;
import io.vertx.core.json.JsonObject;
import java.util.stream.Stream;

/** The anthropic plugin keeps the plugin contract, against a fake Messages API replaying a recorded stream. */
class AnthropicContractTest extends HttpBackendContractTest {

    @Override
    protected BackendFactory factory() {
        return new AnthropicBackendFactory();
    }

    @Override
    protected JsonObject options(String root) {
        return new JsonObject().put("baseUrl", root).put("apiKey", "sk-ant-api03-test-key-0123456789");
    }

    @Override
    protected ChatRequest request() {
        return ChatRequest.builder("claude-sonnet-4-5").messages(Message.text(Message.Role.USER, "Hello")).build();
    }

    @Override
    protected String chatPath() {
        return "/v1/messages";
    }

    /** The message start and a ping come before the text. */
    @Override
    protected int eventsBeforeHolding() {
        return 4;
    }

    @Override
    protected UpstreamFailure failure() {
        return new UpstreamFailure(
                FakeUpstream.json(529, AnthropicBackendTest.error("overloaded_error", "Overloaded")), ErrorKind.OVERLOADED);
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
}
