package dev.junction.plugins.gemini;

import dev.junction.http.SseEvent;
import dev.junction.http.SseHandler;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.FinishReason;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;

/**
 * The server-sent events of {@code streamGenerateContent?alt=sse} as canonical events. Each event's
 * data is one {@code GenerateContentResponse} chunk; Gemini sends no end marker, so the answer is
 * complete when the response ends after a chunk with a {@code finishReason}.
 *
 * <ul>
 *   <li>The first chunk starts the message ({@code responseId}, {@code modelVersion}).
 *   <li>Text parts continue one text block; thought parts ({@code thought: true}) one thinking block.
 *   <li>Each {@code functionCall} part is a tool call block of its own with the whole arguments in
 *       one delta; without an id from Gemini it gets {@code call_<responseId>_<n>}.
 *   <li>A {@code thoughtSignature} becomes a thinking block's signature: on a thought part, that
 *       block's; on a function call, a thinking block of its own just before the call's; on text, a
 *       thinking block of its own just after the text. {@link GeminiContents} puts them back.
 *   <li>{@code usageMetadata} becomes {@link ChatEvent.Usage} once the finish reason is known.
 * </ul>
 *
 * Stateful: one per request, called on one thread at a time.
 */
final class GeminiStreamDecoder implements SseHandler {

    private final String requestedModel;
    private final String backendId;

    private boolean started;
    private int nextIndex;
    /** The open text or thinking block's index, or -1. */
    private int openIndex = -1;
    private ChatEvent.BlockKind openKind;
    private String responseId;
    private int toolCalls;
    private FinishReason finish;
    private JsonObject usage;
    private boolean usageSent;

    /**
     * @param requestedModel the model asked for, reported when Gemini names none
     * @param backendId the backend's id, named when Gemini refuses its credentials
     */
    GeminiStreamDecoder(String requestedModel, String backendId) {
        this.requestedModel = requestedModel;
        this.backendId = backendId;
    }

    @Override
    public void onEvent(SseEvent event, Consumer<ChatEvent> events) {
        String data = event.data();
        if (data == null || data.isBlank()) {
            return;
        }
        Object decoded;
        try {
            decoded = Json.decodeValue(data);
        } catch (DecodeException e) {
            decoded = null;
        }
        if (!(decoded instanceof JsonObject chunk)) {
            events.accept(ChatEvent.Failed.of(ErrorKind.UPSTREAM, "Gemini sent a stream chunk that is not a JSON object."));
            return;
        }
        if (chunk.getValue("error") instanceof JsonObject error) {
            events.accept(GeminiErrors.failed(error, backendId));
            return;
        }
        if (!started) {
            started = true;
            responseId = string(chunk, "responseId");
            String model = string(chunk, "modelVersion");
            events.accept(new ChatEvent.MessageStart(responseId, model == null ? requestedModel : model));
        }
        if (chunk.getValue("promptFeedback") instanceof JsonObject feedback && feedback.getValue("blockReason") != null) {
            finish = FinishReason.REFUSAL;
        }
        JsonObject candidate = firstCandidate(chunk);
        if (candidate != null) {
            if (candidate.getValue("content") instanceof JsonObject content
                    && content.getValue("parts") instanceof JsonArray parts) {
                for (Object part : parts) {
                    if (part instanceof JsonObject object) {
                        part(object, events);
                    }
                }
            }
            if (candidate.getValue("finishReason") instanceof String reason) {
                ChatEvent.Failed failed = finish(reason);
                if (failed != null) {
                    events.accept(failed);
                    return;
                }
            }
        }
        boolean newUsage = chunk.getValue("usageMetadata") instanceof JsonObject;
        if (newUsage) {
            usage = chunk.getJsonObject("usageMetadata");
        }
        if (finish != null) {
            close(events);
            if (usage != null && (newUsage || !usageSent)) {
                events.accept(usage(usage));
                usageSent = true;
            }
        }
    }

    @Override
    public ChatEvent onEnd(boolean clean) {
        if (finish != null) {
            // The finish reason comes in the last chunk: a connection cut after it lost nothing.
            return ChatEvent.Finish.of(finish);
        }
        return ChatEvent.Failed.of(ErrorKind.UPSTREAM, clean
                ? "The Gemini stream ended without a finish reason."
                : "The Gemini stream broke off before the answer was complete.");
    }

    private void part(JsonObject part, Consumer<ChatEvent> events) {
        String signature = string(part, "thoughtSignature");
        if (part.getValue("functionCall") instanceof JsonObject call) {
            close(events);
            if (signature != null) {
                signatureBlock(signature, events);
            }
            toolCall(call, events);
        } else if (part.getValue("text") instanceof String text) {
            if (Boolean.TRUE.equals(part.getValue("thought"))) {
                if (!text.isEmpty()) {
                    open(ChatEvent.BlockKind.THINKING, events);
                    events.accept(new ChatEvent.ThinkingDelta(openIndex, text, null));
                }
                if (signature != null) {
                    open(ChatEvent.BlockKind.THINKING, events);
                    events.accept(new ChatEvent.ThinkingDelta(openIndex, null, signature));
                    close(events); // a signature ends its block
                }
            } else {
                if (!text.isEmpty()) {
                    open(ChatEvent.BlockKind.TEXT, events);
                    events.accept(new ChatEvent.TextDelta(openIndex, text));
                }
                if (signature != null) {
                    close(events);
                    signatureBlock(signature, events);
                }
            }
        }
        // Other parts (inline data, executable code, code results) have no canonical form: skipped.
    }

    private void toolCall(JsonObject call, Consumer<ChatEvent> events) {
        String id = string(call, "id");
        if (id == null) {
            id = "call_" + (responseId == null ? "" : responseId + "_") + toolCalls;
        }
        String name = string(call, "name");
        Object args = call.getValue("args");
        int index = nextIndex++;
        events.accept(ChatEvent.BlockStart.toolCall(index, id, name == null ? "" : name));
        events.accept(new ChatEvent.ToolArgumentsDelta(index, args instanceof JsonObject object ? object.encode() : "{}"));
        events.accept(new ChatEvent.BlockStop(index));
        toolCalls++;
    }

    private void signatureBlock(String signature, Consumer<ChatEvent> events) {
        int index = nextIndex++;
        events.accept(ChatEvent.BlockStart.thinking(index));
        events.accept(new ChatEvent.ThinkingDelta(index, null, signature));
        events.accept(new ChatEvent.BlockStop(index));
    }

    private void open(ChatEvent.BlockKind kind, Consumer<ChatEvent> events) {
        if (openIndex >= 0 && openKind == kind) {
            return;
        }
        close(events);
        openIndex = nextIndex++;
        openKind = kind;
        events.accept(new ChatEvent.BlockStart(openIndex, kind, null, null));
    }

    private void close(Consumer<ChatEvent> events) {
        if (openIndex >= 0) {
            events.accept(new ChatEvent.BlockStop(openIndex));
            openIndex = -1;
            openKind = null;
        }
    }

    /** Records how the answer ends; returns the failure for reasons that are not an answer. */
    private ChatEvent.Failed finish(String reason) {
        switch (reason) {
            case "MAX_TOKENS" -> finish = FinishReason.MAX_TOKENS;
            case "SAFETY", "RECITATION", "LANGUAGE", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII",
                    "IMAGE_SAFETY", "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION" -> finish = FinishReason.REFUSAL;
            case "MALFORMED_FUNCTION_CALL", "UNEXPECTED_TOOL_CALL", "TOO_MANY_TOOL_CALLS" -> {
                return ChatEvent.Failed.of(ErrorKind.UPSTREAM,
                        "Gemini ended the answer with " + reason + ": the model produced a tool call it could not complete.");
            }
            case "MISSING_THOUGHT_SIGNATURE" -> {
                return ChatEvent.Failed.of(ErrorKind.INVALID_REQUEST,
                        "Gemini ended the answer with MISSING_THOUGHT_SIGNATURE: a function call in the history lacks its signature.");
            }
            // STOP, and OTHER or unknown reasons: the answer as it stands
            default -> finish = toolCalls > 0 ? FinishReason.TOOL_USE : FinishReason.END_TURN;
        }
        return null;
    }

    /**
     * Input excludes the cached part; output includes the thinking, which Gemini counts apart
     * ({@code thoughtsTokenCount}, outside {@code candidatesTokenCount}) and reports as reasoning.
     */
    private static ChatEvent.Usage usage(JsonObject metadata) {
        int prompt = count(metadata, "promptTokenCount");
        int cached = count(metadata, "cachedContentTokenCount");
        int thoughts = count(metadata, "thoughtsTokenCount");
        int output = count(metadata, "candidatesTokenCount") + thoughts;
        return new ChatEvent.Usage(Math.max(0, prompt - cached), output, cached, 0, thoughts);
    }

    private static int count(JsonObject object, String key) {
        return object.getValue(key) instanceof Number number ? number.intValue() : 0;
    }

    private static JsonObject firstCandidate(JsonObject chunk) {
        if (chunk.getValue("candidates") instanceof JsonArray candidates
                && !candidates.isEmpty()
                && candidates.getValue(0) instanceof JsonObject candidate) {
            return candidate;
        }
        return null;
    }

    private static String string(JsonObject object, String key) {
        return object.getValue(key) instanceof String text && !text.isEmpty() ? text : null;
    }
}
