package dev.junction.gateway.bench;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The checks of a Chat Completions body that the real OpenAI API refuses with a 400
 * {@code invalid_request_error} and a strict {@link MockUpstream} makes too: a message whose role is
 * not one OpenAI knows, a content part whose type is not one it knows. The refusal has OpenAI's
 * shape: {@code {"error":{"message","type","param","code"}}}. Parses the body, so the benchmarks'
 * mock does not use it.
 */
final class OpenAiRequestRules {

    private static final List<String> ROLES = List.of("system", "developer", "user", "assistant", "tool", "function");
    private static final List<String> PART_TYPES = List.of("text", "image_url", "input_audio", "file", "refusal");

    private OpenAiRequestRules() {}

    /** OpenAI's 400 body for {@code body}, or null when these rules let it through. */
    static Buffer refusal(Buffer body) {
        JsonObject json;
        try {
            json = body.toJsonObject();
        } catch (DecodeException | ClassCastException e) {
            return error("We could not parse the JSON body of your request.", null, null);
        }
        if (!(json.getValue("messages") instanceof JsonArray messages)) {
            return null;
        }
        for (int i = 0; i < messages.size(); i++) {
            if (!(messages.getValue(i) instanceof JsonObject message)) {
                continue;
            }
            String param = "messages[" + i + "]";
            if (!ROLES.contains(message.getValue("role"))) {
                return invalidValue(message.getValue("role"), ROLES, param + ".role");
            }
            if (message.getValue("content") instanceof JsonArray parts) {
                for (int j = 0; j < parts.size(); j++) {
                    if (parts.getValue(j) instanceof JsonObject part && !PART_TYPES.contains(part.getValue("type"))) {
                        return invalidValue(part.getValue("type"), PART_TYPES, param + ".content[" + j + "].type");
                    }
                }
            }
        }
        return null;
    }

    private static Buffer invalidValue(Object value, List<String> supported, String param) {
        return error("Invalid value: '" + value + "'. Supported values are: '" + String.join("', '", supported) + "'.",
                param, "invalid_value");
    }

    private static Buffer error(String message, String param, String code) {
        return new JsonObject()
                .put("error", new JsonObject()
                        .put("message", message)
                        .put("type", "invalid_request_error")
                        .put("param", param)
                        .put("code", code))
                .toBuffer();
    }
}
