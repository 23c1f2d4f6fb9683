package dev.junction.plugins.claude;

import static dev.junction.plugins.claude.Fields.array;
import static dev.junction.plugins.claude.Fields.integer;
import static dev.junction.plugins.claude.Fields.isTrue;
import static dev.junction.plugins.claude.Fields.object;
import static dev.junction.plugins.claude.Fields.string;

import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatEvent.BlockKind;
import dev.junction.plugin.FinishReason;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Claude Code's {@code stream-json} output (run with {@code --include-partial-messages}) one
 * line at a time and turns it into chat events.
 *
 * <ul>
 *   <li>Deltas come from the raw API events of {@code stream_event} lines. A turn in which the CLI
 *       uses its tools makes several API calls, each numbering its blocks from 0; blocks get one
 *       index sequence across the run here.
 *   <li>The CLI's own tool calls (Read, Bash, ...) and the work of its sub-agents (lines with a
 *       {@code parent_tool_use_id}) are not the client's business and are skipped.
 *   <li>The {@code assistant} line of a text block holds its whole text. When the deltas gave less
 *       (the CLI silently repeated a failed stream without streaming), the rest is sent before the
 *       block stops; a block that had no deltas at all is sent whole.
 *   <li>The {@code result} line ends the stream: usage and finish, or the failure it reports.
 * </ul>
 *
 * <p>Lines that are not JSON objects are counted and skipped; fields of an unexpected type read as
 * absent. Not thread-safe: fed by one reader.
 */
final class ClaudeStream {

    private static final int NOT_STREAMED = -1;

    private final String requestModel;
    private boolean started;
    private boolean saidText;
    private int nextIndex;
    private Block open;
    private int unreadLines;

    /** @param requestModel the model named in the request, reported when the CLI names none */
    ClaudeStream(String requestModel) {
        this.requestModel = requestModel;
    }

    /** The events one line of output gives, in order; none for lines that do not matter. */
    List<ChatEvent> accept(String line) {
        List<ChatEvent> out = new ArrayList<>(2);
        if (line.isBlank()) {
            return out;
        }
        try {
            JsonObject json = new JsonObject(line);
            if (json.getValue("parent_tool_use_id") != null) {
                return out; // a sub-agent's work inside one of the CLI's tools
            }
            switch (string(json, "type", "")) {
                case "stream_event" -> onStreamEvent(object(json, "event"), out);
                case "assistant" -> onAssistant(json, out);
                case "result" -> onResult(json, out);
                default -> {} // system (init, status, api_retry), user (tool results)
            }
        } catch (DecodeException e) {
            unreadLines++;
        }
        return out;
    }

    /** How many lines were not JSON objects. */
    int unreadLines() {
        return unreadLines;
    }

    private void onStreamEvent(JsonObject event, List<ChatEvent> out) {
        int index = integer(event, "index", NOT_STREAMED);
        switch (string(event, "type", "")) {
            case "message_start" -> {
                close(out);
                JsonObject message = object(event, "message");
                start(string(message, "id", null), string(message, "model", null), out);
            }
            case "content_block_start" -> openStreamed(index, object(event, "content_block"), out);
            case "content_block_delta" -> {
                if (open != null && open.source() == index) {
                    delta(object(event, "delta"), out);
                }
            }
            case "content_block_stop" -> {
                if (open != null && open.source() == index) {
                    close(out);
                }
            }
            default -> {} // message_delta, message_stop, ping: the result line has the totals
        }
    }

    private void openStreamed(int index, JsonObject block, List<ChatEvent> out) {
        close(out);
        switch (string(block, "type", "")) {
            case "text" -> {
                open(BlockKind.TEXT, index, out);
                text(string(block, "text", ""), out);
            }
            case "thinking" -> {
                open(BlockKind.THINKING, index, out);
                String thinking = string(block, "thinking", "");
                if (!thinking.isEmpty()) {
                    out.add(new ChatEvent.ThinkingDelta(open.index(), thinking, null));
                }
            }
            default -> {} // tool_use and the like: the CLI's own tools, run inside the CLI
        }
    }

    private void delta(JsonObject delta, List<ChatEvent> out) {
        String type = string(delta, "type", "");
        if (open.kind() == BlockKind.TEXT && type.equals("text_delta")) {
            text(string(delta, "text", ""), out);
        } else if (open.kind() == BlockKind.THINKING && type.equals("thinking_delta")) {
            out.add(new ChatEvent.ThinkingDelta(open.index(), string(delta, "thinking", null), null));
        } else if (open.kind() == BlockKind.THINKING && type.equals("signature_delta")) {
            out.add(new ChatEvent.ThinkingDelta(open.index(), null, string(delta, "signature", null)));
        } // else citations and the like
    }

    private void onAssistant(JsonObject json, List<ChatEvent> out) {
        JsonObject message = object(json, "message");
        if (json.getValue("error") != null || "<synthetic>".equals(string(message, "model", null))) {
            return; // the CLI's error text: the result line reports the failure
        }
        for (Object item : array(message, "content")) {
            if (item instanceof JsonObject block && "text".equals(string(block, "type", null))) {
                wholeText(message, string(block, "text", ""), out);
            }
        }
    }

    /** A text block is complete: send what its deltas missed, or all of it when it had none. */
    private void wholeText(JsonObject message, String whole, List<ChatEvent> out) {
        if (open != null && open.kind() == BlockKind.TEXT) {
            String streamed = open.text().toString();
            if (whole.length() > streamed.length() && whole.startsWith(streamed)) {
                text(whole.substring(streamed.length()), out);
            }
        } else {
            close(out);
            start(string(message, "id", null), string(message, "model", null), out);
            open(BlockKind.TEXT, NOT_STREAMED, out);
            text(whole, out);
        }
        close(out);
    }

    private void onResult(JsonObject json, List<ChatEvent> out) {
        String subtype = string(json, "subtype", "");
        if (isTrue(json, "is_error") || subtype.startsWith("error")) {
            Integer status = integer(json, "api_error_status", null);
            out.add(ClaudeFailures.ofResult(subtype, status, string(json, "result", null)));
            return;
        }
        close(out);
        String result = string(json, "result", "");
        if (!saidText && !result.isEmpty()) {
            wholeText(new JsonObject(), result, out); // no assistant line carried the answer
        }
        start(null, null, out);
        out.add(ClaudeUsage.of(json));
        boolean cut = "max_tokens".equals(string(json, "stop_reason", null));
        out.add(ChatEvent.Finish.of(cut ? FinishReason.MAX_TOKENS : FinishReason.END_TURN));
    }

    private void start(String id, String model, List<ChatEvent> out) {
        if (!started) {
            started = true;
            out.add(new ChatEvent.MessageStart(id, model == null ? requestModel : model));
        }
    }

    private void open(BlockKind kind, int source, List<ChatEvent> out) {
        start(null, null, out);
        open = new Block(nextIndex++, kind, source, new StringBuilder());
        out.add(new ChatEvent.BlockStart(open.index(), kind, null, null));
        if (kind == BlockKind.TEXT && saidText) {
            // Text resumes after the CLI's own tool use: keep a paragraph break, as the CLI shows it,
            // so clients that join the blocks (OpenAI) do not glue two sentences together.
            out.add(new ChatEvent.TextDelta(open.index(), "\n\n"));
        }
    }

    private void text(String text, List<ChatEvent> out) {
        if (!text.isEmpty()) {
            saidText = true;
            open.text().append(text);
            out.add(new ChatEvent.TextDelta(open.index(), text));
        }
    }

    private void close(List<ChatEvent> out) {
        if (open != null) {
            out.add(new ChatEvent.BlockStop(open.index()));
            open = null;
        }
    }

    /**
     * A block being sent.
     *
     * @param index its index for the client
     * @param source its index in the current API call, or {@link #NOT_STREAMED}
     */
    private record Block(int index, BlockKind kind, int source, StringBuilder text) {}
}
