package dev.junction.gateway.dialect;

import dev.junction.plugin.RawRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Optional;

/**
 * One chat endpoint's wire format (Chat Completions, Messages, Responses): decodes requests into
 * the canonical model and encodes answers back, whole or streamed. Its errors and model lists are
 * its {@link #family()}'s. Pure and thread-safe; knows nothing of HTTP or the bus.
 */
public interface ChatDialect {

    /** The API family whose errors, model lists and keep-alive this endpoint uses. */
    ApiFamily family();

    /**
     * The dialect's name: stamped on decoded requests ({@code ChatRequest.dialect}) so that a
     * backend speaking the same one may forward what it does not understand, and the metrics'
     * {@code dialect} label.
     */
    String name();

    /**
     * Decodes a chat request body.
     *
     * @throws InvalidRequestException when the body is not a valid request of this dialect
     */
    DecodedRequest decode(JsonObject body);

    /**
     * Reads what relaying {@code body} as it is takes ({@link RawRequest}), without decoding it;
     * empty when it must be decoded (the dialect relays nothing, or the decoder would refuse or
     * change the request in a way the client's bytes cannot carry). The default relays nothing.
     *
     * @param headers the provider feature headers of the request, for a same-dialect upstream
     */
    default Optional<RawRequest> peek(Buffer body, Map<String, String> headers) {
        return Optional.empty();
    }

    /** The whole answer as this dialect's non-streaming response body. */
    JsonObject encodeResponse(ChatResult result, DecodedRequest request);

    /** A new encoder for one streamed answer. */
    StreamEncoder streamEncoder(DecodedRequest request);

    /**
     * The whole answer as the gateway keeps it for a later request to continue
     * ({@link Service.StoredChat}): what the client got, with what the dialect leaves out unless
     * asked but a continuation needs. The default is {@link #encodeResponse}.
     */
    default JsonObject encodeKept(ChatResult result, DecodedRequest request) {
        return encodeResponse(result, request);
    }
}
