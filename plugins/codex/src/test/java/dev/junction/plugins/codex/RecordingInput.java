package dev.junction.plugins.codex;

import dev.junction.cli.CliInput;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** A CLI stdin that keeps what the run writes, one JSON-RPC message a line. */
final class RecordingInput implements CliInput {

    private final StringBuilder written = new StringBuilder();
    private boolean closed;

    @Override
    public void write(String text) {
        written.append(text);
    }

    @Override
    public void close() {
        closed = true;
    }

    List<JsonObject> messages() {
        List<JsonObject> messages = new ArrayList<>();
        for (String line : written.toString().split("\n")) {
            if (!line.isEmpty()) {
                messages.add(new JsonObject(line));
            }
        }
        return messages;
    }

    List<String> methods() {
        return messages().stream().map(message -> message.getString("method")).toList();
    }

    JsonObject last() {
        List<JsonObject> messages = messages();
        return messages.get(messages.size() - 1);
    }

    boolean closed() {
        return closed;
    }
}
