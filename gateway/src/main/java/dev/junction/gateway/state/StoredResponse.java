package dev.junction.gateway.state;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;

/**
 * One answer of the Responses API as the gateway keeps it. Its JSON is kept as text, so that a
 * record is immutable (safe to share between threads) and its size is what it serializes to.
 *
 * @param id the response's id ({@code resp_...})
 * @param owner the scope that may read it: the name of the API key that made it, or
 *     {@link ResponseStore#NO_KEYS} when the gateway asks for no key (never a key itself)
 * @param createdAt when the response was made
 * @param previousResponseId the response its request continued, or {@code null}
 * @param response the response object as the client got it (JSON text)
 * @param inputItems the input items of its own request, each with an {@code id} (JSON array text);
 *     not those of the responses it continued
 */
public record StoredResponse(
        String id, String owner, Instant createdAt, String previousResponseId, String response, String inputItems) {

    public StoredResponse {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(inputItems, "inputItems");
    }

    /** A record of {@code response} and {@code inputItems}; the id is the response's. */
    public static StoredResponse of(
            String owner, Instant createdAt, String previousResponseId, JsonObject response, JsonArray inputItems) {
        return new StoredResponse(
                response.getString("id"), owner, createdAt, previousResponseId, response.encode(), inputItems.encode());
    }

    /** The response object, a copy of its own. */
    public JsonObject responseJson() {
        return new JsonObject(response);
    }

    /**
     * The response object as a client retrieves it: its reasoning items' {@code encrypted_content},
     * kept for continuations, only when {@code encryptedReasoning} (the client asked with
     * {@code include}).
     */
    public JsonObject retrieved(boolean encryptedReasoning) {
        JsonObject json = responseJson();
        if (!encryptedReasoning && json.getValue("output") instanceof JsonArray output) {
            output.forEach(item -> {
                if (item instanceof JsonObject object && "reasoning".equals(object.getValue("type"))) {
                    object.remove("encrypted_content");
                }
            });
        }
        return json;
    }

    /** The input items, a copy of their own. */
    public JsonArray inputItemsJson() {
        return new JsonArray(inputItems);
    }

    /** The output items of the response (empty when it has none). */
    public JsonArray outputItems() {
        JsonArray output = responseJson().getJsonArray("output");
        return output == null ? new JsonArray() : output;
    }

    /** The size of its JSON in UTF-8, what the store's byte bound counts. */
    public long bytes() {
        return utf8Length(response) + utf8Length(inputItems);
    }

    /** The record as one JSON text, as the cluster's map keeps it. */
    String encode() {
        return new JsonObject()
                .put("id", id)
                .put("owner", owner)
                .put("createdAt", createdAt.toEpochMilli())
                .put("previousResponseId", previousResponseId)
                .put("response", response)
                .put("inputItems", inputItems)
                .encode();
    }

    /** The record {@link #encode} wrote. */
    static StoredResponse decode(String text) {
        JsonObject json = new JsonObject(text);
        return new StoredResponse(
                json.getString("id"),
                json.getString("owner"),
                Instant.ofEpochMilli(json.getLong("createdAt")),
                json.getString("previousResponseId"),
                json.getString("response"),
                json.getString("inputItems"));
    }

    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // A surrogate pair is 4 bytes: 2 for each half.
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }
}
