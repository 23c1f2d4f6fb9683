package dev.junction.plugins.codex;

import dev.junction.plugin.testkit.FakeCliScript;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in for {@code codex app-server} ({@link FakeCliScript}): it answers each request of the
 * plugin (initialize, thread/start, turn/start) with the lines given for it, by default those that
 * followed it in the recorded session (app-server.jsonl), and reads its stdin until the plugin
 * closes it, as the real one does.
 */
final class FakeCodex {

    private FakeCodex() {}

    /** The recorded replies, by the request they answer: initialize, thread/start, turn/start. */
    static List<List<JsonObject>> recordedAnswers() {
        List<List<JsonObject>> answers = new ArrayList<>();
        for (JsonObject line : Fixtures.jsonLines("app-server.jsonl")) {
            JsonObject message = line.getJsonObject("msg");
            if ("send".equals(line.getString("dir")) && message.containsKey("id")) {
                answers.add(new ArrayList<>());
            } else if ("recv".equals(line.getString("dir"))) {
                answers.get(answers.size() - 1).add(message);
            }
        }
        return answers;
    }

    /**
     * Writes the fake to {@code dir}.
     *
     * @param answers the lines that answer initialize, thread/start and turn/start
     * @param afterTurn shell lines run once the turn was answered ({@code exec sleep 1000} to hang)
     */
    static FakeCliScript write(Path dir, List<List<JsonObject>> answers, String afterTurn) {
        List<String> names = List.of("answer-initialize", "answer-thread-start", "answer-turn-start");
        try {
            for (int i = 0; i < names.size(); i++) {
                Files.write(dir.resolve(names.get(i)), answers.get(i).stream().map(JsonObject::encode).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return FakeCliScript.write(dir, "codex", """
                [ "$1" = app-server ] || exit 2
                while IFS= read -r line; do
                  case "$line" in
                    *'"method":"initialize"'*) cat "$DIR/answer-initialize" ;;
                    *'"method":"thread/start"'*) cat "$DIR/answer-thread-start" ;;
                    *'"method":"turn/start"'*) cat "$DIR/answer-turn-start"; %s ;;
                  esac
                done""".formatted(afterTurn));
    }
}
