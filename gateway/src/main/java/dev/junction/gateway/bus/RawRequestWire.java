package dev.junction.gateway.bus;

import dev.junction.plugin.RawRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The wire form of a {@link RawRequest} between cluster nodes: plain JSON, the body's bytes in
 * base64. {@link #decode} inverts {@link #encode} exactly.
 */
final class RawRequestWire {

    private RawRequestWire() {}

    static JsonObject encode(RawRequest request) {
        JsonObject fields = new JsonObject();
        request.fields().forEach((name, span) -> fields.put(name, span(span)));
        return new JsonObject()
                .put("dialect", request.dialect())
                .put("model", request.model())
                .put("body", request.body())
                .put("stream", request.stream())
                .put("usageAsked", request.usageAsked())
                .put("headers", new JsonObject(new LinkedHashMap<>(request.headers())))
                .put("modelValue", span(request.modelValue()))
                .put("fields", fields)
                .put("usageAt", request.usageAt());
    }

    static RawRequest decode(JsonObject json) {
        Map<String, String> headers = new LinkedHashMap<>();
        json.getJsonObject("headers").forEach(entry -> headers.put(entry.getKey(), (String) entry.getValue()));
        Map<String, RawRequest.Span> fields = new LinkedHashMap<>();
        json.getJsonObject("fields").forEach(entry -> fields.put(entry.getKey(), span((JsonArray) entry.getValue())));
        return new RawRequest(
                json.getString("dialect"),
                json.getString("model"),
                json.getBuffer("body"),
                json.getBoolean("stream"),
                json.getBoolean("usageAsked"),
                headers,
                span(json.getJsonArray("modelValue")),
                fields,
                json.getInteger("usageAt"));
    }

    private static JsonArray span(RawRequest.Span span) {
        return new JsonArray().add(span.start()).add(span.end());
    }

    private static RawRequest.Span span(JsonArray span) {
        return new RawRequest.Span(span.getInteger(0), span.getInteger(1));
    }
}
