package dev.junction.gateway.dialect.responses;

import dev.junction.gateway.dialect.ApiError;
import dev.junction.gateway.dialect.ChatResult;
import dev.junction.gateway.dialect.DecodedRequest;
import dev.junction.gateway.dialect.Dialect;
import dev.junction.gateway.dialect.ModelEntry;
import dev.junction.gateway.dialect.StreamEncoder;
import dev.junction.gateway.dialect.openai.OpenAiDialect;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The OpenAI Responses API ({@code POST /v1/responses}) as a {@link Dialect}, named
 * {@code responses}: requests decode to the canonical model ({@link ResponsesRequestDecoder}),
 * answers encode as {@code response} objects ({@link ResponsesResponseEncoder}) and streams as its
 * events ({@link ResponsesStreamEncoder}). It belongs to the OpenAI family: errors, model lists and
 * keep-alive are OpenAI's, taken from {@link OpenAiDialect}. Built-in tools are kept for a Responses
 * upstream and reported by {@link ResponsesBuiltInTools}. Stateless and thread-safe.
 */
public final class ResponsesDialect implements Dialect {

    /** The name of this dialect, in {@code ChatRequest.dialect} and the metrics. */
    public static final String NAME = "responses";

    private static final OpenAiDialect FAMILY = new OpenAiDialect();

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

    @Override
    public StreamEncoder streamEncoder(DecodedRequest request) {
        return new ResponsesStreamEncoder(request, ResponsesDialect::error);
    }

    @Override
    public String keepAlive() {
        return FAMILY.keepAlive();
    }

    @Override
    public int status(ErrorKind kind) {
        return FAMILY.status(kind);
    }

    @Override
    public JsonObject errorBody(ApiError error) {
        return FAMILY.errorBody(error);
    }

    @Override
    public JsonObject modelList(List<ModelEntry> models) {
        return FAMILY.modelList(models);
    }

    @Override
    public JsonObject model(ModelEntry model) {
        return FAMILY.model(model);
    }

    /** The OpenAI error object ({@code message}, {@code type}, {@code param}, {@code code}) of a failed answer. */
    private static JsonObject error(ChatEvent.Failed failed) {
        ApiError error = new ApiError(FAMILY.status(failed.kind()), failed.message(), null, failed.retryAfterSeconds());
        return FAMILY.errorBody(error).getJsonObject("error");
    }
}
