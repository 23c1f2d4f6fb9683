package dev.junction.gateway.cli;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * One HTTP request a fake upstream received.
 *
 * @param uri the path with its query, {@code /v1/messages?beta=true}
 * @param headers lower-cased names; repeated headers keep the last value
 * @param body the body as text ({@code ""} when there was none)
 */
public record RecordedRequest(String method, String uri, Map<String, String> headers, String body) {

    /** The body as JSON, or an empty object when it is not a JSON object. */
    public JsonObject json() {
        try {
            return body.isBlank() ? new JsonObject() : new JsonObject(body);
        } catch (RuntimeException e) {
            return new JsonObject();
        }
    }

    /** Whether this is a model call (not the CLI's {@code HEAD /} probe and the like). */
    public boolean isModelCall() {
        return method.equals("POST");
    }
}
