package dev.junction.plugins.openai;

import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ContentPart;
import dev.junction.plugin.Message;
import java.util.List;

/** Canonical requests and messages for the tests. */
final class Requests {

    private Requests() {}

    /** A request to {@code model} saying "Hello", to change as a test needs. */
    static ChatRequest.Builder builder(String model) {
        return ChatRequest.builder(model).messages(Message.text(Message.Role.USER, "Hello"));
    }

    static Message user(ContentPart... parts) {
        return new Message(Message.Role.USER, List.of(parts));
    }

    static Message assistant(ContentPart... parts) {
        return new Message(Message.Role.ASSISTANT, List.of(parts));
    }

    static ContentPart.Text text(String text) {
        return new ContentPart.Text(text);
    }
}
