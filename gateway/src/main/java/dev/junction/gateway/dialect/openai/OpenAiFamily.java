package dev.junction.gateway.dialect.openai;

import dev.junction.gateway.dialect.ApiError;
import dev.junction.gateway.dialect.ApiFamily;
import dev.junction.gateway.dialect.ModelEntry;
import dev.junction.plugin.ErrorKind;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The OpenAI API family: its error shape and statuses, model lists and stream keep-alive, shared
 * by Chat Completions, embeddings and the Responses API. The family of any request that no other
 * family claims.
 */
public final class OpenAiFamily implements ApiFamily {

    public static final OpenAiFamily INSTANCE = new OpenAiFamily();

    private OpenAiFamily() {}

    @Override
    public String name() {
        return "openai";
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

    /** An SSE comment, which the SDKs skip. */
    @Override
    public String keepAlive() {
        return ": keep-alive\n\n";
    }

    /** OpenAI clients send nothing that marks them: the family of what no other family claims. */
    @Override
    public boolean claims(MultiMap headers) {
        return false;
    }

    @Override
    public List<String> pathPrefixes() {
        return List.of("/openai/");
    }
}
