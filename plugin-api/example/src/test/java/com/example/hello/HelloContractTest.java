package com.example.hello;

import dev.junction.plugin.BackendFactory;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.Message;
import dev.junction.plugin.testkit.BackendContractTest;
import dev.junction.plugin.testkit.Scenario;
import io.vertx.core.json.JsonObject;
import java.util.stream.Stream;

/** The hello backend keeps the plugin contract: every rule of the kit runs against it. */
class HelloContractTest extends BackendContractTest {

    @Override
    protected BackendFactory factory() {
        return new HelloBackendFactory();
    }

    @Override
    protected Scenario prepare(Kind kind) {
        ChatRequest request = ChatRequest.builder("hello").messages(Message.text(Message.Role.USER, "world")).build();
        return switch (kind) {
            case TEXT -> Scenario.of(new JsonObject().put("delayMillis", 1), request);
            case SLOW -> Scenario.of(new JsonObject().put("delayMillis", 60_000), request);
            case FAILURE -> null; // it cannot fail: the failure tests are skipped
        };
    }

    @Override
    protected Stream<BadOption> badOptions() {
        return Stream.of(new BadOption(new JsonObject().put("delayMillis", "soon"), "delayMillis"));
    }
}
