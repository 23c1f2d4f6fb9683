package dev.junction.gateway.dialect.openai;

import dev.junction.gateway.dialect.DecodedRequest;
import dev.junction.gateway.dialect.JsonText;
import dev.junction.gateway.dialect.SseFrame;
import dev.junction.gateway.dialect.StreamEncoder;
import dev.junction.plugin.ChatEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes one streamed answer as {@code chat.completion.chunk} frames ending with
 * {@code data: [DONE]}, or with a single error frame when the answer fails. Tool calls are
 * numbered from 0 in the order they start, whatever their block index. Not thread-safe.
 */
final class OpenAiStreamEncoder implements StreamEncoder {

    private static final SseFrame DONE = new SseFrame(null, "[DONE]");
    private static final String ROLE_DELTA = "{\"role\":\"assistant\",\"content\":\"\"}";
    private static final String EMPTY_DELTA = "{}";

    private final DecodedRequest request;
    private final long created = Instant.now().getEpochSecond();
    private final Map<Integer, Integer> toolCallIndexes = new HashMap<>();
    private String id;
    private String model;
    /** A chunk's JSON up to its choice, the same for every chunk of the stream: made once. */
    private String chunkHead;
    /** A chunk's JSON after its choice. */
    private String chunkTail;
    private ChatEvent.Usage usage = ChatEvent.Usage.of(0, 0);
    private boolean started;
    private boolean ended;

    OpenAiStreamEncoder(DecodedRequest request) {
        this.request = request;
    }

    @Override
    public List<SseFrame> encode(ChatEvent event) {
        if (ended) {
            return List.of();
        }
        if (event instanceof ChatEvent.Failed failed) {
            ended = true;
            return List.of(frame(OpenAiErrors.body(failed)));
        }
        List<SseFrame> frames = new ArrayList<>(3);
        if (!started) {
            start(event instanceof ChatEvent.MessageStart start ? start : new ChatEvent.MessageStart(null, null));
            frames.add(chunk(ROLE_DELTA, null));
        }
        if (event instanceof ChatEvent.BlockStart block && block.kind() == ChatEvent.BlockKind.TOOL_CALL) {
            int index = toolCallIndexes.size();
            toolCallIndexes.put(block.index(), index);
            JsonObject call = OpenAiWire.functionCall(block.toolCallId(), block.toolName(), "")
                    .put("index", index);
            frames.add(chunk(new JsonObject().put("tool_calls", new JsonArray().add(call)).encode(), null));
        } else if (event instanceof ChatEvent.TextDelta delta && !delta.text().isEmpty()) {
            frames.add(textChunk("content", delta.text()));
        } else if (event instanceof ChatEvent.ToolArgumentsDelta delta
                && toolCallIndexes.containsKey(delta.index())
                && !delta.json().isEmpty()) {
            frames.add(argumentsChunk(toolCallIndexes.get(delta.index()), delta.json()));
        } else if (event instanceof ChatEvent.ThinkingDelta delta && delta.text() != null) {
            frames.add(textChunk("reasoning_content", delta.text()));
        } else if (event instanceof ChatEvent.Usage latest) {
            usage = latest;
        } else if (event instanceof ChatEvent.Finish finish) {
            ended = true;
            frames.add(chunk(EMPTY_DELTA, OpenAiWire.finishReason(finish.reason())));
            if (request.includeUsage()) {
                frames.add(frame(envelope(new JsonArray()).put("usage", OpenAiWire.usage(usage))));
            }
            frames.add(DONE);
        }
        return frames;
    }

    private void start(ChatEvent.MessageStart start) {
        started = true;
        id = start.id() == null ? OpenAiWire.newId() : start.id();
        model = start.model() == null ? request.request().model() : start.model();
        String empty = envelope(new JsonArray()).encode(); // {"id":...,"choices":[]}
        chunkHead = empty.substring(0, empty.length() - "]}".length());
        chunkTail = request.includeUsage() ? "],\"usage\":null}" : "]}";
    }

    /** A chunk whose delta holds one string field: the text of the stream's usual event, written into the template. */
    private SseFrame textChunk(String field, String text) {
        StringBuilder out = choiceStart(field.length() + text.length() + 8).append("{\"").append(field).append("\":");
        JsonText.string(out, text).append('}');
        return choiceEnd(out, null);
    }

    /** A chunk with more of a tool call's arguments, the usual event of a tool call, written into the template. */
    private SseFrame argumentsChunk(int toolCall, String arguments) {
        StringBuilder out = choiceStart(arguments.length() + 60)
                .append("{\"tool_calls\":[{\"index\":")
                .append(toolCall)
                .append(",\"function\":{\"arguments\":");
        JsonText.string(out, arguments).append("}}]}");
        return choiceEnd(out, null);
    }

    /** A chunk with one choice whose delta is the JSON object {@code delta}. */
    private SseFrame chunk(String delta, String finishReason) {
        return choiceEnd(choiceStart(delta.length()).append(delta), finishReason);
    }

    /**
     * A {@code chat.completion.chunk} up to its choice's delta. Only the choice is written per chunk:
     * the envelope around it ({@code id}, {@code created}, {@code model}, {@code usage: null} when
     * usage is included) does not change within a stream, so its text is made once, in {@link #start}.
     */
    private StringBuilder choiceStart(int deltaLength) {
        return new StringBuilder(chunkHead.length() + deltaLength + 80)
                .append(chunkHead)
                .append("{\"index\":0,\"delta\":");
    }

    private SseFrame choiceEnd(StringBuilder out, String finishReason) {
        out.append(",\"logprobs\":null,\"finish_reason\":");
        JsonText.string(out, finishReason).append('}').append(chunkTail);
        return new SseFrame(null, out.toString());
    }

    private JsonObject envelope(JsonArray choices) {
        return new JsonObject()
                .put("id", id)
                .put("object", "chat.completion.chunk")
                .put("created", created)
                .put("model", model)
                .put("choices", choices);
    }

    private static SseFrame frame(JsonObject json) {
        return new SseFrame(null, json.encode());
    }
}
