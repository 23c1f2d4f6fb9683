package dev.junction.gateway.dialect.anthropic;

import dev.junction.gateway.dialect.ApiError;
import dev.junction.gateway.dialect.ApiFamily;
import dev.junction.gateway.dialect.ModelEntry;
import dev.junction.gateway.dialect.SseFrame;
import dev.junction.plugin.ErrorKind;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The Anthropic API family: its error shape and statuses, model lists and stream keep-alive. A
 * request is its by path ({@code /anthropic/...}, {@code /v1/messages...}) or, on a path both
 * families serve, by the {@code anthropic-version} header that the Anthropic SDKs always send.
 */
public final class AnthropicFamily implements ApiFamily {

    public static final AnthropicFamily INSTANCE = new AnthropicFamily();

    private AnthropicFamily() {}

    @Override
    public String name() {
        return "anthropic";
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

    /** A {@code ping} event, which the Messages API itself sends into long streams. */
    @Override
    public String keepAlive() {
        return new SseFrame("ping", new JsonObject().put("type", "ping").encode()).wire();
    }

    @Override
    public boolean claims(MultiMap headers) {
        return headers.contains("anthropic-version");
    }

    @Override
    public List<String> pathPrefixes() {
        return List.of("/anthropic/", "/v1/messages");
    }
}
