package dev.junction.gateway.dialect;

import dev.junction.plugin.TokenCount;
import io.vertx.core.json.JsonObject;

/** A token-counting endpoint's wire format. Pure and thread-safe. */
public interface TokenCountDialect {

    /** The API family whose errors this endpoint uses. */
    ApiFamily family();

    /** The name stamped on decoded requests, as {@link ChatDialect#name()}. */
    String name();

    /**
     * Decodes a count request: a chat request whose answer is not asked for.
     *
     * @throws InvalidRequestException when it is not a valid request
     */
    DecodedRequest decodeCountTokens(JsonObject body);

    /** The answer body for {@code count}. */
    JsonObject tokenCount(TokenCount count);
}
