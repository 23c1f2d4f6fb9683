package dev.junction.gateway.dialect.anthropic;

import dev.junction.gateway.dialect.ApiError;
import dev.junction.gateway.dialect.ChatResult;
import dev.junction.gateway.dialect.DecodedRequest;
import dev.junction.gateway.dialect.Dialect;
import dev.junction.gateway.dialect.ModelEntry;
import dev.junction.gateway.dialect.SseFrame;
import dev.junction.gateway.dialect.StreamEncoder;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.TokenCount;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The Anthropic Messages API ({@code POST /v1/messages}, {@code GET /v1/models}) as a {@link
 * Dialect}: requests are validated as the API does, answers, streams, errors and model lists are
 * shaped so that the official SDKs parse them. Stateless and thread-safe.
 */
public final class AnthropicDialect implements Dialect {

    @Override
    public String name() {
        return "anthropic";
    }

    @Override
    public DecodedRequest decode(JsonObject body) {
        return AnthropicRequestDecoder.decode(body);
    }

    @Override
    public JsonObject encodeResponse(ChatResult result, DecodedRequest request) {
        return AnthropicResponseEncoder.encode(result, request);
    }

    @Override
    public StreamEncoder streamEncoder(DecodedRequest request) {
        return new AnthropicStreamEncoder(request.request().model());
    }

    /**
     * Decodes a {@code POST messages/count_tokens} body: a messages request whose {@code max_tokens}
     * is optional.
     *
     * @throws dev.junction.gateway.dialect.InvalidRequestException when it is not a valid request
     */
    public DecodedRequest decodeCountTokens(JsonObject body) {
        return AnthropicRequestDecoder.decodeCountTokens(body);
    }

    /** The body of a count_tokens answer: {@code {"input_tokens": N}}. */
    public JsonObject tokenCount(TokenCount count) {
        return new JsonObject().put("input_tokens", count.inputTokens());
    }

    /** A {@code ping} event, which the Messages API itself sends into long streams. */
    @Override
    public String keepAlive() {
        return new SseFrame("ping", new JsonObject().put("type", "ping").encode()).wire();
    }

    @Override
    public int status(ErrorKind kind) {
        return AnthropicErrors.status(kind);
    }

    @Override
    public JsonObject errorBody(ApiError error) {
        return AnthropicErrors.body(error.status(), error.message());
    }

    @Override
    public JsonObject modelList(List<ModelEntry> models) {
        return AnthropicModels.list(models);
    }

    @Override
    public JsonObject model(ModelEntry model) {
        return AnthropicModels.model(model);
    }
}
