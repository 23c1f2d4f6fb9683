package dev.junction.plugins.geminicli;

import dev.junction.cli.CliRun;
import dev.junction.cli.RecordingInput;
import dev.junction.plugin.ChatEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays a recorded Gemini CLI 0.61.0 run (copied from the shared CLI fixtures into
 * {@code src/test/resources/fixtures}) through a {@link CliRun}, as the CLI backend drives it: each
 * stdout line until the first terminal event, else {@code onExit} with the recorded exit code and
 * stderr.
 */
final class Replay {

    private Replay() {}

    /** The events {@code run} emits for the recorded case {@code name} of {@code cases.json}. */
    static List<ChatEvent> of(String name, CliRun run) {
        JsonObject recorded = recordedCase(name);
        JsonObject files = recorded.getJsonObject("files");
        List<ChatEvent> events = new ArrayList<>();
        RecordingInput stdin = new RecordingInput();
        run.start(stdin);
        for (String line : resource(files.getString("stdout")).split("\n", -1)) {
            run.onLine(line, stdin, events::add);
            if (!events.isEmpty() && events.get(events.size() - 1).terminal()) {
                return events;
            }
        }
        String stderr = files.containsKey("stderr") ? resource(files.getString("stderr")) : "";
        events.add(run.onExit(recorded.getInteger("exit_code"), stderr));
        return events;
    }

    private static JsonObject recordedCase(String name) {
        JsonArray cases = new JsonArray(resource("cases.json"));
        for (int i = 0; i < cases.size(); i++) {
            if (name.equals(cases.getJsonObject(i).getString("case"))) {
                return cases.getJsonObject(i);
            }
        }
        throw new IllegalArgumentException("no recorded case " + name);
    }

    private static String resource(String file) {
        try (InputStream in = Replay.class.getResourceAsStream("/fixtures/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
