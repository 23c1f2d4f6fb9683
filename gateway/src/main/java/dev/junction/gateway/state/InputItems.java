package dev.junction.gateway.state;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code input} of a Responses request as a list of items, the form the store keeps and
 * {@code GET /v1/responses/{id}/input_items} lists: a string input is one user message; a message
 * item gets {@code "type": "message"} when it has only a role, and its string content becomes one
 * text part; an item without an {@code id} gets one, with the prefix OpenAI gives its type
 * ({@code msg_}, {@code fc_}, ...). Pure.
 */
final class InputItems {

    private static final Map<String, String> ID_PREFIXES = Map.of(
            "message", "msg_",
            "function_call", "fc_",
            "function_call_output", "fco_",
            "custom_tool_call", "ctc_",
            "custom_tool_call_output", "ctco_",
            "reasoning", "rs_");

    private InputItems() {}

    /** {@code input} as items, without new ids: a string is one user message; absent is none. */
    static JsonArray of(Object input) {
        if (input instanceof String text) {
            return new JsonArray().add(new JsonObject().put("type", "message").put("role", "user").put("content", text));
        }
        return input instanceof JsonArray items ? items.copy() : new JsonArray();
    }

    /**
     * {@code items} with each {@code item_reference} to an item of {@code known} (by its {@code id})
     * replaced by a copy of that item; references to other items are left as they are.
     */
    static JsonArray resolved(JsonArray items, JsonArray known) {
        JsonArray resolved = new JsonArray();
        for (Object item : items) {
            resolved.add(item instanceof JsonObject object && "item_reference".equals(object.getValue("type"))
                    ? find(known, object.getValue("id")).orElse(object)
                    : item);
        }
        return resolved;
    }

    private static Optional<JsonObject> find(JsonArray items, Object id) {
        for (Object item : items) {
            if (item instanceof JsonObject object && id != null && id.equals(object.getValue("id"))) {
                return Optional.of(object.copy());
            }
        }
        return Optional.empty();
    }

    /** {@code input} as the store keeps it: items, each message's content as parts, each item with an id. */
    static JsonArray withIds(Object input) {
        JsonArray items = of(input);
        JsonArray kept = new JsonArray();
        for (Object item : items) {
            kept.add(item instanceof JsonObject object ? withId(object) : item);
        }
        return kept;
    }

    /** A new id: {@code prefix} (such as {@code msg_}) and 32 random hex digits. */
    private static String newId(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "");
    }

    private static JsonObject withId(JsonObject item) {
        if (item.getValue("type") == null && item.getValue("role") != null) {
            item.put("type", "message");
        }
        String type = item.getValue("type") instanceof String name ? name : "item";
        if (type.equals("message") && item.getValue("content") instanceof String text) {
            String part = "assistant".equals(item.getValue("role")) ? "output_text" : "input_text";
            item.put("content", new JsonArray().add(new JsonObject().put("type", part).put("text", text)));
        }
        if (item.getValue("id") == null) {
            JsonObject identified = new JsonObject().put("id", newId(ID_PREFIXES.getOrDefault(type, "item_")));
            item.fieldNames().stream()
                    .filter(name -> !name.equals("id"))
                    .forEach(name -> identified.put(name, item.getValue(name)));
            return identified;
        }
        return item;
    }
}
