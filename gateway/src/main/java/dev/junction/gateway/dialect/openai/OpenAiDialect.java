package dev.junction.gateway.dialect.openai;

import dev.junction.gateway.dialect.ApiError;
import dev.junction.gateway.dialect.ChatResult;
import dev.junction.gateway.dialect.DecodedEmbeddingRequest;
import dev.junction.gateway.dialect.DecodedRequest;
import dev.junction.gateway.dialect.Dialect;
import dev.junction.gateway.dialect.ModelEntry;
import dev.junction.gateway.dialect.StreamEncoder;
import dev.junction.plugin.Embeddings;
import dev.junction.plugin.ErrorKind;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The OpenAI Chat Completions wire format, as the official SDKs send and parse it. Stateless and
 * thread-safe; each streamed answer gets an encoder of its own.
 */
public final class OpenAiDialect implements Dialect {

    @Override
    public String name() {
        return "openai";
    }

    @Override
    public DecodedRequest decode(JsonObject body) {
        return OpenAiRequestDecoder.decode(body);
    }

    @Override
    public JsonObject encodeResponse(ChatResult result, DecodedRequest request) {
        return OpenAiResponseEncoder.encode(result, request);
    }

    @Override
    public StreamEncoder streamEncoder(DecodedRequest request) {
        return new OpenAiStreamEncoder(request);
    }

    /**
     * Decodes a {@code POST embeddings} body.
     *
     * @throws dev.junction.gateway.dialect.InvalidRequestException when it is not a valid request
     */
    public DecodedEmbeddingRequest decodeEmbeddings(JsonObject body) {
        return OpenAiEmbeddings.decode(body);
    }

    /** The {@code list} of {@code embedding} objects answering {@code request}. */
    public JsonObject encodeEmbeddings(Embeddings embeddings, DecodedEmbeddingRequest request) {
        return OpenAiEmbeddings.encode(embeddings, request);
    }

    @Override
    public String keepAlive() {
        return ": keep-alive\n\n";
    }

    @Override
    public int status(ErrorKind kind) {
        return OpenAiErrors.status(kind);
    }

    @Override
    public JsonObject errorBody(ApiError error) {
        return OpenAiErrors.body(error);
    }

    @Override
    public JsonObject modelList(List<ModelEntry> models) {
        return OpenAiModels.list(models);
    }

    @Override
    public JsonObject model(ModelEntry model) {
        return OpenAiModels.model(model);
    }
}
