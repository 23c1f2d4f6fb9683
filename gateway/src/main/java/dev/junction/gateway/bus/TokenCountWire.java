package dev.junction.gateway.bus;

import dev.junction.plugin.TokenCount;
import io.vertx.core.json.JsonObject;

/** The wire form of a {@link TokenCount} on the event bus. {@link #decode} inverts {@link #encode}. */
public final class TokenCountWire {

    private TokenCountWire() {}

    public static JsonObject encode(TokenCount count) {
        return new JsonObject().put("inputTokens", count.inputTokens()).put("exact", count.exact());
    }

    public static TokenCount decode(JsonObject json) {
        return new TokenCount(json.getInteger("inputTokens"), json.getBoolean("exact"));
    }
}
