package dev.junction.gateway.dialect.openai;

import dev.junction.gateway.dialect.ModelEntry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * Encodes the models endpoints. The SDKs require {@code created}, which the gateway does not
 * know: every model reports the time this class was loaded.
 */
final class OpenAiModels {

    private static final long CREATED = Instant.now().getEpochSecond();

    private OpenAiModels() {}

    static JsonObject list(List<ModelEntry> models) {
        JsonArray data = new JsonArray();
        models.forEach(model -> data.add(model(model)));
        return new JsonObject().put("object", "list").put("data", data);
    }

    static JsonObject model(ModelEntry model) {
        return new JsonObject()
                .put("id", model.id())
                .put("object", "model")
                .put("created", CREATED)
                .put("owned_by", model.ownedBy());
    }
}
