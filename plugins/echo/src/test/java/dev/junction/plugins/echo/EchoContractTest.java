package dev.junction.plugins.echo;

import dev.junction.plugin.BackendFactory;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.Message;
import dev.junction.plugin.testkit.BackendContractTest;
import dev.junction.plugin.testkit.Scenario;
import io.vertx.core.json.JsonObject;

/** The echo backend keeps the plugin contract. It cannot fail; a client that reads nothing makes it slow. */
class EchoContractTest extends BackendContractTest {

    @Override
    protected BackendFactory factory() {
        return new EchoBackendFactory();
    }

    @Override
    protected Scenario prepare(Kind kind) {
        ChatRequest request = ChatRequest.builder("echo")
                .messages(Message.text(Message.Role.USER, "Say it back, word for word."))
                .build();
        return switch (kind) {
            case TEXT -> Scenario.of(new JsonObject(), request);
            case FAILURE -> null;
            case SLOW -> Scenario.of(new JsonObject(), request).withPausedClient();
        };
    }
}
