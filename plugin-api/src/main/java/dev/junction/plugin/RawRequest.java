package dev.junction.plugin;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A client's chat request as it came, for a {@link Relay}: its body's bytes and what the gateway
 * read of them (where the model is, where a field to rename is), so that the relay forwards the
 * bytes with a few splices instead of re-encoding them.
 *
 * @param dialect the client's dialect ({@link ClientDialect})
 * @param model the model the request is routed to, before the backend's own {@code modelMap}
 * @param body the client's body, a JSON object; never changed
 * @param stream whether the client asked for a stream
 * @param usageAsked whether the client asked for the usage itself (OpenAI's
 *     {@code stream_options.include_usage}); when it did not, a streaming relay asks for it through
 *     {@link #upstreamBody} and leaves the usage-only chunk out of what it relays
 * @param headers the provider feature headers the client sent that an upstream of its dialect may
 *     take (lower-case names)
 * @param modelValue where the model's JSON string is in {@code body} (quotes included)
 * @param fields where top-level keys the relay may rename are in {@code body} (their JSON strings,
 *     quotes included), by name: OpenAI's {@code max_tokens} and {@code max_completion_tokens}
 * @param usageAt where {@code "stream_options":{"include_usage":true},} goes in the body to ask the
 *     upstream for the usage (right after the opening brace); -1 when it need not
 * @since 1.1.0
 */
public record RawRequest(
        String dialect,
        String model,
        Buffer body,
        boolean stream,
        boolean usageAsked,
        Map<String, String> headers,
        Span modelValue,
        Map<String, Span> fields,
        int usageAt) {

    private static final String INCLUDE_USAGE = "\"stream_options\":{\"include_usage\":true},";

    /** The bytes {@code [start, end)} of the body. */
    public record Span(int start, int end) {}

    public RawRequest {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(modelValue, "modelValue");
        headers = Map.copyOf(headers);
        fields = Map.copyOf(fields);
    }

    /** The same request routed to {@code model}. */
    public RawRequest withModel(String routed) {
        return new RawRequest(dialect, routed, body, stream, usageAsked, headers, modelValue, fields, usageAt);
    }

    /**
     * The body to send upstream: the client's bytes, with the model's value replaced by
     * {@code upstreamModel} when that differs from what the client wrote, each top-level key of
     * {@code renames} present in {@link #fields} renamed, and the usage asked for ({@link #usageAt}).
     * The client's bytes themselves when nothing changes.
     */
    public Buffer upstreamBody(String upstreamModel, Map<String, String> renames) {
        List<Splice> splices = new ArrayList<>();
        String quotedModel = Json.encode(upstreamModel);
        if (!quotedModel.equals(body.getString(modelValue.start(), modelValue.end()))) {
            splices.add(new Splice(modelValue, quotedModel));
        }
        renames.forEach((from, to) -> {
            Span key = fields.get(from);
            if (key != null && !fields.containsKey(to)) {
                splices.add(new Splice(key, Json.encode(to)));
            }
        });
        if (usageAt >= 0) {
            splices.add(new Splice(new Span(usageAt, usageAt), INCLUDE_USAGE));
        }
        if (splices.isEmpty()) {
            return body;
        }
        splices.sort(Comparator.comparingInt(splice -> splice.span().start()));
        Buffer spliced = Buffer.buffer(body.length() + 64);
        int at = 0;
        for (Splice splice : splices) {
            spliced.appendBuffer(body, at, splice.span().start() - at).appendString(splice.text());
            at = splice.span().end();
        }
        return spliced.appendBuffer(body, at, body.length() - at);
    }

    private record Splice(Span span, String text) {}
}
