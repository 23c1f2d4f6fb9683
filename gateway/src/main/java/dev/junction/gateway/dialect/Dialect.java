package dev.junction.gateway.dialect;

import dev.junction.plugin.ErrorKind;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * One client wire format (OpenAI, Anthropic): decodes requests into the canonical model and encodes
 * answers, model lists and errors back. Pure and thread-safe; knows nothing of HTTP or the bus.
 */
public interface Dialect {

    /** A short name for logs and metrics: {@code openai}, {@code anthropic}. */
    String name();

    /**
     * Decodes a chat request body.
     *
     * @throws InvalidRequestException when the body is not a valid request of this dialect
     */
    DecodedRequest decode(JsonObject body);

    /** The whole answer as this dialect's non-streaming response body. */
    JsonObject encodeResponse(ChatResult result, DecodedRequest request);

    /** A new encoder for one streamed answer. */
    StreamEncoder streamEncoder(DecodedRequest request);

    /**
     * What a stream writes after a long silence so that clients and proxies do not give up on it:
     * wire text that the official SDKs skip.
     */
    String keepAlive();

    /** The HTTP status this dialect gives a backend failure of {@code kind}. */
    int status(ErrorKind kind);

    /** The error response body for {@code error}. */
    JsonObject errorBody(ApiError error);

    /** The body of {@code GET models}. */
    JsonObject modelList(List<ModelEntry> models);

    /** The body of {@code GET models/{id}}. */
    JsonObject model(ModelEntry model);
}
