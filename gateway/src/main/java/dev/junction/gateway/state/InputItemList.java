package dev.junction.gateway.state;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One page of a stored response's input items, as {@code GET /v1/responses/{id}/input_items}
 * answers it: {@code {"object": "list", "data": [...], "first_id", "last_id", "has_more"}}. Pure.
 */
public final class InputItemList {

    /** The most items one page may hold, and how many it holds by default. */
    public static final int MAX_LIMIT = 100;

    public static final int DEFAULT_LIMIT = 20;

    private InputItemList() {}

    /**
     * The page of {@code response}'s input items after the item {@code after} (from the start when
     * null), at most {@code limit} of them, in the order of the request ({@code ascending}) or the
     * reverse; empty when {@code after} names no item of the response.
     */
    public static Optional<JsonObject> page(StoredResponse response, int limit, boolean ascending, String after) {
        JsonArray stored = response.inputItemsJson();
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < stored.size(); i++) {
            items.add(stored.getValue(i));
        }
        if (!ascending) {
            Collections.reverse(items);
        }
        int start = 0;
        if (after != null) {
            int cursor = indexOf(items, after);
            if (cursor < 0) {
                return Optional.empty();
            }
            start = cursor + 1;
        }
        int end = Math.min(items.size(), start + limit);
        JsonArray data = new JsonArray(new ArrayList<>(items.subList(start, end)));
        return Optional.of(new JsonObject()
                .put("object", "list")
                .put("data", data)
                .put("first_id", data.isEmpty() ? null : id(data.getValue(0)))
                .put("last_id", data.isEmpty() ? null : id(data.getValue(data.size() - 1)))
                .put("has_more", end < items.size()));
    }

    private static int indexOf(List<Object> items, String id) {
        for (int i = 0; i < items.size(); i++) {
            if (id.equals(id(items.get(i)))) {
                return i;
            }
        }
        return -1;
    }

    private static String id(Object item) {
        return item instanceof JsonObject object && object.getValue("id") instanceof String id ? id : null;
    }
}
