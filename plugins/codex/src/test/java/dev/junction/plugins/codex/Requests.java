package dev.junction.plugins.codex;

import dev.junction.cli.CliOptions;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ContentPart;
import dev.junction.plugin.Message;
import dev.junction.plugin.Sampling;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Requests and options for the tests. */
final class Requests {

    static final CodexProtocol PROTOCOL = new CodexProtocol();

    private Requests() {}

    static ChatRequest user(String model, String text) {
        return request(model, List.of(), List.of(Message.text(Message.Role.USER, text)));
    }

    static ChatRequest request(String model, List<ContentPart> system, List<Message> messages) {
        return ChatRequest.builder(model)
                .system(system)
                .messages(messages)
                .build();
    }

    static CliOptions options(JsonObject options) {
        return CliOptions.parse(options, PROTOCOL);
    }
}
