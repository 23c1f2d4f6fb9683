package dev.junction.gateway.dialect.responses;

import dev.junction.gateway.dialect.DecodedRequest;
import dev.junction.gateway.dialect.JsonText;
import dev.junction.gateway.dialect.SseFrame;
import dev.junction.gateway.dialect.StreamEncoder;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Encodes one answer as the Responses API's named events, each with a {@code sequence_number}
 * counting from 0: {@code response.created} and {@code response.in_progress}; per block an output
 * item ({@code response.output_item.added} ... {@code response.output_item.done}) with, inside, the
 * events of its kind ({@link ResponsesStreamItem}); then {@code response.completed} or
 * {@code response.incomplete} with the whole response. A failed answer ends with
 * {@code response.failed} (status {@code failed}, the error's {@code code} and {@code message}), or
 * with an {@code error} event when it failed before it started. Blocks left open at the end are
 * closed. Nothing is written after the terminal event. Not thread-safe.
 */
final class ResponsesStreamEncoder implements StreamEncoder {

    private final ChatRequest request;
    private final Function<ChatEvent.Failed, JsonObject> errorOf;
    private final long createdAt = Instant.now().getEpochSecond();
    private final Map<Integer, ResponsesStreamItem> openItems = new LinkedHashMap<>();
    private final JsonArray output = new JsonArray();
    private String id;
    private String model;
    private ChatEvent.Usage usage = ChatEvent.Usage.of(0, 0);
    private int sequence;
    private int items;
    private boolean done;

    /** @param errorOf the OpenAI error object ({@code message}, {@code type}, {@code code}) of a failure */
    ResponsesStreamEncoder(DecodedRequest request, Function<ChatEvent.Failed, JsonObject> errorOf) {
        this.request = request.request();
        this.errorOf = errorOf;
    }

    @Override
    public List<SseFrame> encode(ChatEvent event) {
        if (done) {
            return List.of();
        }
        List<SseFrame> frames = new ArrayList<>(3);
        if (event instanceof ChatEvent.Failed failed) {
            fail(failed, frames);
            return frames;
        }
        if (id == null) {
            start(event instanceof ChatEvent.MessageStart start ? start : new ChatEvent.MessageStart(null, null), frames);
        }
        Events events = new Events(frames);
        if (event instanceof ChatEvent.TextDelta delta && !openItems.containsKey(delta.index())) {
            open(ChatEvent.BlockStart.text(delta.index()), events); // a delta without its start: text, not lost
        }
        if (event instanceof ChatEvent.BlockStart start) {
            open(start, events);
        } else if (event instanceof ChatEvent.TextDelta delta) {
            openItems.get(delta.index()).text(delta.text(), events);
        } else if (event instanceof ChatEvent.ToolArgumentsDelta delta && openItems.containsKey(delta.index())) {
            openItems.get(delta.index()).arguments(delta.json(), events);
        } else if (event instanceof ChatEvent.ThinkingDelta delta && openItems.containsKey(delta.index())) {
            openItems.get(delta.index()).thinking(delta.text(), delta.signature(), events);
        } else if (event instanceof ChatEvent.BlockStop stop) {
            close(stop.index(), events);
        } else if (event instanceof ChatEvent.Usage latest) {
            usage = latest;
        } else if (event instanceof ChatEvent.Finish finish) {
            finish(finish, events);
        }
        return frames;
    }

    private void start(ChatEvent.MessageStart start, List<SseFrame> frames) {
        id = ResponsesOutputItems.responseId(start.id());
        model = start.model() == null ? request.model() : start.model();
        Events events = new Events(frames);
        JsonObject response = response("in_progress", null, null);
        events.add("response.created", new JsonObject().put("response", response));
        events.add("response.in_progress", new JsonObject().put("response", response));
    }

    private void open(ChatEvent.BlockStart start, Events events) {
        ResponsesStreamItem item = ResponsesStreamItem.open(start, id, items++, request);
        openItems.put(start.index(), item);
        item.added(events);
    }

    private void close(int index, Events events) {
        ResponsesStreamItem item = openItems.remove(index);
        if (item != null) {
            output.add(item.done(events));
        }
    }

    private void finish(ChatEvent.Finish finish, Events events) {
        done = true;
        new ArrayList<>(openItems.keySet()).forEach(index -> close(index, events));
        String incomplete = ResponsesEnvelope.incompleteReason(finish.reason());
        String status = incomplete == null ? "completed" : "incomplete";
        events.add("response." + status, new JsonObject().put("response", response(status, incomplete, null)));
    }

    private void fail(ChatEvent.Failed failed, List<SseFrame> frames) {
        done = true;
        JsonObject error = errorOf.apply(failed);
        Object code = error.getValue("code") != null ? error.getValue("code") : error.getValue("type");
        Events events = new Events(frames);
        if (id == null) {
            events.add("error", new JsonObject()
                    .put("code", code)
                    .put("message", failed.message())
                    .put("param", null));
            return;
        }
        JsonObject cause = new JsonObject().put("code", code).put("message", failed.message());
        events.add("response.failed", new JsonObject().put("response", response("failed", null, cause)));
    }

    private JsonObject response(String status, String incompleteReason, JsonObject error) {
        boolean ended = !status.equals("in_progress");
        return ResponsesEnvelope.response(
                request, id, createdAt, model, status, ended ? output.copy() : new JsonArray(), ended ? usage : null,
                incompleteReason, error);
    }

    /** Appends events to one call's frames, numbering them. */
    final class Events {
        private final List<SseFrame> frames;

        Events(List<SseFrame> frames) {
            this.frames = frames;
        }

        /**
         * An event named {@code type}, with {@code type} and {@code sequence_number} first, then
         * {@code fields} (which hold neither): the two are written before the fields' own text, not
         * copied with them into a second tree.
         */
        void add(String type, JsonObject fields) {
            String rest = fields.isEmpty() ? "}" : "," + fields.encode().substring(1);
            StringBuilder data = new StringBuilder(rest.length() + type.length() + 40).append("{\"type\":");
            JsonText.string(data, type).append(",\"sequence_number\":").append(sequence++).append(rest);
            frames.add(new SseFrame(type, data.toString()));
        }
    }
}
