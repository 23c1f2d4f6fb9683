package dev.junction.cli;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A CLI's stdin for the tests of a {@link CliRun}: it keeps what the run writes and whether it
 * closed it. Shipped in cli-support's test JAR for the CLI plugins' tests. Not thread-safe: the
 * tests write and read it on one thread.
 */
public final class RecordingInput implements CliInput {

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

    /** Everything written so far. */
    public String written() {
        return written.toString();
    }

    /** Whether the run closed its stdin. */
    public boolean closed() {
        return closed;
    }

    /** What was written, read as one JSON object a line (JSON-RPC messages, stream-json input). */
    public List<JsonObject> messages() {
        List<JsonObject> messages = new ArrayList<>();
        for (String line : written.toString().split("\n")) {
            if (!line.isEmpty()) {
                messages.add(new JsonObject(line));
            }
        }
        return messages;
    }

    /** The {@code method} of each message written. */
    public List<String> methods() {
        return messages().stream().map(message -> message.getString("method")).toList();
    }

    /** The last message written. */
    public JsonObject last() {
        List<JsonObject> messages = messages();
        return messages.get(messages.size() - 1);
    }
}
