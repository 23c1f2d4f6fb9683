package dev.junction.plugins.geminicli;

import dev.junction.cli.CliInput;
import dev.junction.cli.StdinPromptRun;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.FinishReason;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One run of {@code gemini --output-format=stream-json}: writes the prompt to stdin and reads the
 * JSONL events on stdout.
 *
 * <p>{@code init} starts the message; each assistant {@code message} is one text delta of a single
 * text block; the CLI's own agent tools ({@code tool_use}, {@code tool_result}) are not the
 * client's, so they are not surfaced, only a paragraph break where they interrupted the text; an
 * {@code error} event of severity {@code error} is remembered; {@code result} ends the stream. Its
 * {@code status} decides success, not the exit code: after an in-stream error chunk the CLI
 * reports {@code status: "error"} but exits with 0.
 */
final class GeminiRun extends StdinPromptRun {

    private static final int BLOCK = 0;

    private final String requestedModel;

    private boolean started;
    private boolean blockOpen;
    private boolean toolsSinceText;
    private String streamError;

    GeminiRun(List<String> arguments, Map<String, String> environment, String prompt, String requestedModel) {
        super(arguments, environment, prompt);
        this.requestedModel = requestedModel;
    }

    @Override
    public void onLine(String line, CliInput stdin, Consumer<ChatEvent> events) {
        JsonObject event = parse(line);
        if (event == null) {
            return;
        }
        switch (String.valueOf(event.getValue("type"))) {
            case "init" -> begin(events, event.getValue("session_id"), event.getValue("model"));
            case "message" -> onMessage(event, events);
            case "tool_use", "tool_result" -> toolsSinceText = blockOpen;
            case "error" -> {
                if ("error".equals(event.getValue("severity")) && event.getValue("message") instanceof String message) {
                    streamError = message;
                }
            }
            case "result" -> onResult(event, events);
            default -> {}
        }
    }

    @Override
    public ChatEvent onExit(int exitCode, String stderrTail) {
        if (streamError != null) {
            return GeminiErrors.fromMessage(streamError);
        }
        return GeminiErrors.fromExit(exitCode, stderrTail);
    }

    private void onMessage(JsonObject event, Consumer<ChatEvent> events) {
        if (!"assistant".equals(event.getValue("role")) || !(event.getValue("content") instanceof String text) || text.isEmpty()) {
            return;
        }
        begin(events, null, null);
        if (!blockOpen) {
            events.accept(ChatEvent.BlockStart.text(BLOCK));
            blockOpen = true;
        }
        events.accept(new ChatEvent.TextDelta(BLOCK, toolsSinceText ? "\n\n" + text : text));
        toolsSinceText = false;
    }

    private void onResult(JsonObject event, Consumer<ChatEvent> events) {
        if (!"success".equals(event.getValue("status"))) {
            Object error = event.getValue("error");
            Object message = error instanceof JsonObject object ? object.getValue("message") : null;
            events.accept(GeminiErrors.fromMessage(message instanceof String text ? text : streamError));
            return;
        }
        begin(events, null, null);
        if (blockOpen) {
            events.accept(new ChatEvent.BlockStop(BLOCK));
            blockOpen = false;
        }
        if (event.getValue("stats") instanceof JsonObject stats) {
            events.accept(usage(stats));
        }
        events.accept(ChatEvent.Finish.of(FinishReason.END_TURN));
    }

    private void begin(Consumer<ChatEvent> events, Object sessionId, Object model) {
        if (started) {
            return;
        }
        started = true;
        events.accept(new ChatEvent.MessageStart(
                sessionId instanceof String id ? id : null, model instanceof String name ? name : requestedModel));
    }

    /** Usage from {@code stats}: {@code cached} tokens are a part of {@code input_tokens}. */
    private static ChatEvent.Usage usage(JsonObject stats) {
        int input = count(stats, "input_tokens");
        int cached = Math.min(count(stats, "cached"), input);
        return new ChatEvent.Usage(input - cached, count(stats, "output_tokens"), cached, 0, 0);
    }

    private static int count(JsonObject stats, String key) {
        return stats.getValue(key) instanceof Number number ? Math.max(0, number.intValue()) : 0;
    }

    private static JsonObject parse(String line) {
        String text = line.strip();
        if (!text.startsWith("{")) {
            return null;
        }
        try {
            return new JsonObject(text);
        } catch (DecodeException e) {
            return null;
        }
    }
}
