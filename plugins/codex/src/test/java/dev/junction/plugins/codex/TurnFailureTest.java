package dev.junction.plugins.codex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.cli.CliRun;
import dev.junction.cli.RecordingInput;
import dev.junction.cli.TempFiles;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Failed turns built from the error texts Codex printed in the recorded {@code exec --json} runs,
 * delivered the app-server way: {@code error} notifications and a failed {@code turn/completed}.
 */
class TurnFailureTest {

    private static final String THREAD = "01a1fe78-a6ca-7c61-9322-20e197724b49";
    private static final String TURN = "01a1fe78-a71a-7491-88d4-865608f4cefa";

    private final RecordingInput stdin = new RecordingInput();
    private final List<ChatEvent> events = new ArrayList<>();
    private final CliRun run = startedTurn();

    @ParameterizedTest
    @CsvSource({
        "error-401.stdout.jsonl, AUTHENTICATION",
        "error-429.stdout.jsonl, RATE_LIMITED",
        "error-500.stdout.jsonl, UPSTREAM",
        "midstream-response-failed.stdout.jsonl, UPSTREAM",
        "stream-cut.stdout.jsonl, UPSTREAM",
        "upstream-down-bounded.stdout.jsonl, UNAVAILABLE",
        "missing-api-key.stdout.jsonl, AUTHENTICATION"
    })
    void failed_turn_carries_the_kind_of_its_recorded_error(String fixture, ErrorKind kind) {
        String message = Fixtures.turnFailedMessage(fixture);

        feed(turnCompleted("failed", new JsonObject().put("message", message).putNull("codexErrorInfo")));

        assertThat(events).last().isEqualTo(ChatEvent.Failed.of(kind, message));
    }

    @Test
    void retry_notices_are_not_fatal() {
        List<JsonObject> recorded = Fixtures.jsonLines("error-401-default-retries.stdout.jsonl");
        feed(error(recorded.get(2).getString("message"), true));
        feed(error(recorded.get(3).getString("message"), false));

        assertThat(events).noneMatch(ChatEvent::terminal);
    }

    @Test
    void fatal_error_notification_fails_the_stream() {
        String message = Fixtures.turnFailedMessage("error-429.stdout.jsonl");

        feed(error(message, false));

        assertThat(events).last().isEqualTo(ChatEvent.Failed.of(ErrorKind.RATE_LIMITED, message));
    }

    @Test
    void error_info_classifies_a_message_codex_did_not_explain() {
        JsonObject error = new JsonObject()
                .put("message", "something went wrong")
                .put("codexErrorInfo", new JsonObject().put("httpConnectionFailed", new JsonObject().put("httpStatusCode", 429)));

        feed(turnCompleted("failed", error));

        assertThat(events).last().isEqualTo(ChatEvent.Failed.of(ErrorKind.RATE_LIMITED, "something went wrong"));
    }

    @Test
    void failed_turn_without_error_still_fails() {
        feed(turnCompleted("failed", null));

        assertThat(events).last().isEqualTo(
                ChatEvent.Failed.of(ErrorKind.UPSTREAM, "Codex failed the turn without a message"));
    }

    @Test
    void partial_text_is_closed_and_usage_reported_before_the_failure() {
        feed(notification("item/agentMessage/delta", new JsonObject().put("itemId", "msg_1").put("delta", "Hello")));
        feed(notification("thread/tokenUsage/updated", new JsonObject().put("tokenUsage", new JsonObject()
                .put("total", new JsonObject().put("inputTokens", 12).put("cachedInputTokens", 4).put("outputTokens", 1)))));
        feed(turnCompleted("failed", new JsonObject().put("message", Fixtures.turnFailedMessage("stream-cut.stdout.jsonl"))));

        assertThat(events.subList(1, events.size() - 1)).containsExactly(
                ChatEvent.BlockStart.text(0),
                new ChatEvent.TextDelta(0, "Hello"),
                new ChatEvent.BlockStop(0),
                new ChatEvent.Usage(8, 1, 4, 0, 0));
        assertThat(events).last().extracting(event -> ((ChatEvent.Failed) event).kind()).isEqualTo(ErrorKind.UPSTREAM);
    }

    @Test
    void error_response_fails_the_stream() {
        RecordingInput input = new RecordingInput();
        List<ChatEvent> failed = new ArrayList<>();
        CliRun fresh = prepare();
        fresh.start(input);

        fresh.onLine("{\"id\":0,\"error\":{\"code\":-32600,\"message\":\"Invalid request: unknown variant\"}}", input, failed::add);

        assertThat(failed).containsExactly(ChatEvent.Failed.of(
                ErrorKind.UPSTREAM, "Codex app-server refused a request: Invalid request: unknown variant"));
    }

    @Test
    void exit_before_the_end_fails_with_the_code_and_stderr() {
        assertThat(run.onExit(1, "Error loading config.toml: wire_api = \"chat\" is no longer supported.\n"))
                .isEqualTo(ChatEvent.Failed.of(ErrorKind.UPSTREAM,
                        "Codex exited with code 1 before the turn completed: "
                                + "Error loading config.toml: wire_api = \"chat\" is no longer supported."));
        assertThat(run.onExit(137, "")).isEqualTo(
                ChatEvent.Failed.of(ErrorKind.UPSTREAM, "Codex exited with code 137 before the turn completed"));
    }

    @Test
    void interrupted_turn_fails() {
        feed(turnCompleted("interrupted", null));

        assertThat(events).last().isEqualTo(ChatEvent.Failed.of(ErrorKind.UPSTREAM, "Codex interrupted the turn"));
    }

    private void feed(JsonObject message) {
        run.onLine(message.encode(), stdin, events::add);
    }

    private static JsonObject turnCompleted(String status, JsonObject error) {
        JsonObject turn = new JsonObject().put("id", TURN).put("items", List.of()).put("status", status).put("error", error);
        return notification("turn/completed", new JsonObject().put("threadId", THREAD).put("turn", turn));
    }

    private static JsonObject error(String message, boolean willRetry) {
        return notification("error", new JsonObject()
                .put("error", new JsonObject().put("message", message).putNull("codexErrorInfo").putNull("additionalDetails"))
                .put("willRetry", willRetry)
                .put("threadId", THREAD)
                .put("turnId", TURN));
    }

    static JsonObject notification(String method, JsonObject params) {
        return new JsonObject().put("method", method).put("params", params.put("threadId", THREAD).put("turnId", TURN));
    }

    /** A run that went through the recorded handshake up to {@code turn/started}. */
    private CliRun startedTurn() {
        CliRun started = prepare();
        started.start(stdin);
        for (JsonObject line : Fixtures.jsonLines("app-server.jsonl")) {
            JsonObject message = line.getJsonObject("msg");
            if ("recv".equals(line.getString("dir"))) {
                started.onLine(message.encode(), stdin, events::add);
            }
            if ("turn/started".equals(message.getString("method"))) {
                break;
            }
        }
        assertThat(events).containsExactly(new ChatEvent.MessageStart(TURN, "gpt-6.1-sol"));
        return started;
    }

    private static CliRun prepare() {
        try (TempFiles files = new TempFiles()) {
            return Requests.PROTOCOL.prepare(Requests.user("codex", "hi"), Requests.options(new JsonObject()), files);
        }
    }
}
