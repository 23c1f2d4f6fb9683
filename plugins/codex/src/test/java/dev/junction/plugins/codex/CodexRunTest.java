package dev.junction.plugins.codex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.cli.CliRun;
import dev.junction.cli.RecordingInput;
import dev.junction.cli.TempFiles;
import dev.junction.plugin.ChatEvent;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodexRunTest {

    private final RecordingInput stdin = new RecordingInput();
    private final List<ChatEvent> events = new ArrayList<>();
    private final CliRun run = prepare();

    @Test
    void ignores_lines_that_are_not_json_messages() {
        run.start(stdin);

        run.onLine("WARNING: proceeding, even though we could not create PATH aliases", stdin, events::add);
        run.onLine("{not json", stdin, events::add);
        run.onLine("[1,2]", stdin, events::add);
        run.onLine("{\"method\":\"turn/completed\",\"params\":\"oops\"}", stdin, events::add);
        run.onLine("", stdin, events::add);

        assertThat(events).isEmpty();
        assertThat(stdin.methods()).containsExactly("initialize");
    }

    @Test
    void declines_approval_requests() {
        run.onLine("{\"method\":\"item/commandExecution/requestApproval\",\"id\":7,\"params\":{\"itemId\":\"c1\"}}",
                stdin, events::add);

        assertThat(stdin.last()).isEqualTo(new JsonObject().put("id", 7).put("result", new JsonObject().put("decision", "decline")));
    }

    @Test
    void refuses_other_server_requests() {
        run.onLine("{\"method\":\"tool/requestUserInput\",\"id\":\"q1\",\"params\":{}}", stdin, events::add);

        assertThat(stdin.last().getValue("id")).isEqualTo("q1");
        assertThat(stdin.last().getJsonObject("error").getInteger("code")).isEqualTo(-32601);
        assertThat(events).isEmpty();
    }

    @Test
    void ignores_the_answer_to_its_interrupt() {
        run.onLine("{\"id\":3,\"error\":{\"code\":-32600,\"message\":\"no active turn\"}}", stdin, events::add);
        run.onLine("{\"id\":3,\"result\":{}}", stdin, events::add);

        assertThat(events).isEmpty();
    }

    private static CliRun prepare() {
        try (TempFiles files = new TempFiles()) {
            return Requests.PROTOCOL.prepare(Requests.user("codex", "hi"), Requests.options(new JsonObject()), files);
        }
    }
}
