package dev.junction.plugins.codex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.cli.CliRun;
import dev.junction.cli.RecordingInput;
import dev.junction.cli.TempFiles;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.FinishReason;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Replays the recorded {@code codex app-server} session (app-server.jsonl) against a run. */
class AppServerReplayTest {

    private static final List<JsonObject> SESSION = Fixtures.jsonLines("app-server.jsonl");

    private final RecordingInput stdin = new RecordingInput();
    private final List<ChatEvent> events = new ArrayList<>();

    @Test
    void sends_the_recorded_requests_in_order() {
        replay();

        List<JsonObject> sent = stdin.messages();
        List<JsonObject> recorded = recorded("send");
        assertThat(stdin.methods())
                .containsExactly("initialize", "initialized", "thread/start", "turn/start")
                .isEqualTo(recorded.stream().map(message -> message.getString("method")).toList());
        for (int i = 0; i < sent.size(); i++) {
            assertThat(sent.get(i).getValue("id")).isEqualTo(recorded.get(i).getValue("id"));
        }
        assertThat(sent.get(0).getJsonObject("params").getJsonObject("clientInfo").getString("name"))
                .isEqualTo("junction");
        assertThat(sent.get(2).getJsonObject("params"))
                .isEqualTo(recorded.get(2).getJsonObject("params"));
        assertThat(sent.get(3).getJsonObject("params"))
                .isEqualTo(recorded.get(3).getJsonObject("params"));
        assertThat(sent).noneMatch(message -> message.containsKey("jsonrpc"));
    }

    @Test
    void streams_the_recorded_deltas_then_usage_then_finish() {
        replay();

        assertThat(events).containsExactly(
                new ChatEvent.MessageStart("01a1fe78-a71a-7491-88d4-865608f4cefa", "gpt-6.1-sol"),
                ChatEvent.BlockStart.text(0),
                new ChatEvent.TextDelta(0, "Hello"),
                new ChatEvent.TextDelta(0, " from"),
                new ChatEvent.TextDelta(0, " stub"),
                new ChatEvent.BlockStop(0),
                new ChatEvent.Usage(12, 5, 0, 0, 0),
                ChatEvent.Finish.of(FinishReason.END_TURN));
    }

    @Test
    void interrupts_the_running_turn_by_its_ids() {
        CliRun run = prepare();
        run.start(stdin);
        for (JsonObject message : recorded("recv")) {
            if (message.getString("method", "").equals("item/agentMessage/delta")) {
                break;
            }
            run.onLine(message.encode(), stdin, events::add);
        }

        run.interrupt(stdin);

        assertThat(stdin.last().getString("method")).isEqualTo("turn/interrupt");
        assertThat(stdin.last().getJsonObject("params")).isEqualTo(new JsonObject()
                .put("threadId", "01a1fe78-a6ca-7c61-9322-20e197724b49")
                .put("turnId", "01a1fe78-a71a-7491-88d4-865608f4cefa"));
    }

    @Test
    void sends_no_interrupt_before_the_turn_started() {
        CliRun run = prepare();
        run.start(stdin);

        run.interrupt(stdin);

        assertThat(stdin.methods()).containsExactly("initialize");
    }

    private void replay() {
        CliRun run = prepare();
        run.start(stdin);
        for (JsonObject message : recorded("recv")) {
            run.onLine(message.encode(), stdin, events::add);
        }
    }

    private static CliRun prepare() {
        try (TempFiles files = new TempFiles()) {
            return Requests.PROTOCOL.prepare(Requests.user("codex", "Say hello"), Requests.options(new JsonObject()), files);
        }
    }

    private static List<JsonObject> recorded(String direction) {
        return SESSION.stream()
                .filter(line -> direction.equals(line.getString("dir")))
                .map(line -> line.getJsonObject("msg"))
                .toList();
    }
}
