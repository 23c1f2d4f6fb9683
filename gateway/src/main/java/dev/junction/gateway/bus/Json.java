package dev.junction.gateway.bus;

import io.vertx.core.json.JsonObject;

/** Small helpers for the wire forms. */
final class Json {

    private Json() {}

    /** Removes the null-valued keys of {@code json} (absent and null decode alike) and returns it. */
    static JsonObject compact(JsonObject json) {
        json.getMap().values().removeIf(value -> value == null);
        return json;
    }
}
