package dev.junction.gateway.dialect.responses;

import dev.junction.gateway.dialect.ApiError;
import dev.junction.gateway.dialect.ApiFamily;
import dev.junction.gateway.dialect.ChatDialect;
import dev.junction.gateway.dialect.ChatResult;
import dev.junction.gateway.dialect.DecodedRequest;
import dev.junction.gateway.dialect.StreamEncoder;
import dev.junction.gateway.dialect.openai.OpenAiFamily;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ClientDialect;
import io.vertx.core.json.JsonObject;

/**
 * The OpenAI Responses API ({@code POST /v1/responses}), named {@code responses}: requests decode to
 * the canonical model ({@link ResponsesRequestDecoder}), answers encode as {@code response} objects
 * ({@link ResponsesResponseEncoder}) and streams as its events ({@link ResponsesStreamEncoder}). It
 * belongs to the OpenAI family: errors, model lists and keep-alive are OpenAI's. Built-in tools are
 * kept for a Responses upstream and reported by {@link ResponsesBuiltInTools}. Stateless and
 * thread-safe.
 */
public final class ResponsesDialect implements ChatDialect {

    /** The name of this dialect, in {@code ChatRequest.dialect} and the metrics. */
    public static final String NAME = ClientDialect.RESPONSES;

    @Override
    public ApiFamily family() {
        return OpenAiFamily.INSTANCE;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DecodedRequest decode(JsonObject body) {
        return ResponsesRequestDecoder.decode(body);
    }

    @Override
    public JsonObject encodeResponse(ChatResult result, DecodedRequest request) {
        return ResponsesResponseEncoder.encode(result, request);
    }

    /**
     * The response with every reasoning item's {@code encrypted_content}, asked for or not: as with
     * OpenAI, a response continued by {@code previous_response_id} gives its reasoning back to the
     * model. Retrieving it shows that content only when asked ({@code include}).
     */
    @Override
    public JsonObject encodeKept(ChatResult result, DecodedRequest request) {
        return ResponsesResponseEncoder.encode(result, request, true);
    }

    @Override
    public StreamEncoder streamEncoder(DecodedRequest request) {
        return new ResponsesStreamEncoder(request, ResponsesDialect::error);
    }

    /** The OpenAI error object ({@code message}, {@code type}, {@code param}, {@code code}) of a failed answer. */
    private static JsonObject error(ChatEvent.Failed failed) {
        OpenAiFamily family = OpenAiFamily.INSTANCE;
        ApiError error = new ApiError(family.status(failed.kind()), failed.message(), null, failed.retryAfterSeconds());
        return family.errorBody(error).getJsonObject("error");
    }
}
