package dev.junction.gateway.dialect.anthropic;

import dev.junction.gateway.dialect.ApiFamily;
import dev.junction.gateway.dialect.ChatDialect;
import dev.junction.gateway.dialect.ChatResult;
import dev.junction.gateway.dialect.DecodedRequest;
import dev.junction.gateway.dialect.StreamEncoder;
import dev.junction.gateway.dialect.TokenCountDialect;
import dev.junction.plugin.ClientDialect;
import dev.junction.plugin.TokenCount;
import io.vertx.core.json.JsonObject;

/**
 * The Anthropic Messages API ({@code POST /v1/messages} and its {@code count_tokens}): requests are
 * validated as the API does, answers and streams are shaped so that the official SDKs parse them.
 * Stateless and thread-safe.
 */
public final class AnthropicDialect implements ChatDialect, TokenCountDialect {

    @Override
    public ApiFamily family() {
        return AnthropicFamily.INSTANCE;
    }

    @Override
    public String name() {
        return ClientDialect.ANTHROPIC;
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

    /** A messages request whose {@code max_tokens} is optional. */
    @Override
    public DecodedRequest decodeCountTokens(JsonObject body) {
        return AnthropicRequestDecoder.decodeCountTokens(body);
    }

    /** {@code {"input_tokens": N}}. */
    @Override
    public JsonObject tokenCount(TokenCount count) {
        return new JsonObject().put("input_tokens", count.inputTokens());
    }
}
