package dev.junction.gateway.dialect.openai;

import dev.junction.gateway.dialect.ApiFamily;
import dev.junction.gateway.dialect.ChatResult;
import dev.junction.gateway.dialect.DecodedEmbeddingRequest;
import dev.junction.gateway.dialect.DecodedRequest;
import dev.junction.gateway.dialect.ChatDialect;
import dev.junction.gateway.dialect.EmbeddingsDialect;
import dev.junction.gateway.dialect.StreamEncoder;
import dev.junction.plugin.ClientDialect;
import dev.junction.plugin.RawRequest;
import dev.junction.plugin.Embeddings;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Optional;

/**
 * The OpenAI Chat Completions and embeddings wire formats, as the official SDKs send and parse
 * them. Stateless and thread-safe; each streamed answer gets an encoder of its own.
 */
public final class OpenAiDialect implements ChatDialect, EmbeddingsDialect {

    @Override
    public ApiFamily family() {
        return OpenAiFamily.INSTANCE;
    }

    @Override
    public String name() {
        return ClientDialect.OPENAI;
    }

    @Override
    public DecodedRequest decode(JsonObject body) {
        return OpenAiRequestDecoder.decode(body);
    }

    @Override
    public Optional<RawRequest> peek(Buffer body, Map<String, String> headers) {
        return OpenAiPeek.peek(body, headers);
    }

    @Override
    public JsonObject encodeResponse(ChatResult result, DecodedRequest request) {
        return OpenAiResponseEncoder.encode(result, request);
    }

    @Override
    public StreamEncoder streamEncoder(DecodedRequest request) {
        return new OpenAiStreamEncoder(request);
    }

    @Override
    public DecodedEmbeddingRequest decodeEmbeddings(JsonObject body) {
        return OpenAiEmbeddings.decode(body);
    }

    @Override
    public JsonObject encodeEmbeddings(Embeddings embeddings, DecodedEmbeddingRequest request) {
        return OpenAiEmbeddings.encode(embeddings, request);
    }
}
