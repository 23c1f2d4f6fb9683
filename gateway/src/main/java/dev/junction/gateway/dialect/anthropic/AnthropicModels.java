package dev.junction.gateway.dialect.anthropic;

import dev.junction.gateway.dialect.ModelEntry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Encodes the Models API bodies. The gateway knows no release dates, so every model reports the
 * time this class was loaded as its {@code created_at}, its id as its display name, and the
 * {@code active} lifecycle (a field the SDKs require).
 */
final class AnthropicModels {

    private static final String CREATED_AT =
            Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();

    private AnthropicModels() {}

    static JsonObject list(List<ModelEntry> models) {
        JsonArray data = new JsonArray();
        models.forEach(model -> data.add(model(model)));
        return new JsonObject()
                .put("data", data)
                .put("has_more", false)
                .put("first_id", models.isEmpty() ? null : models.get(0).id())
                .put(
                        "last_id",
                        models.isEmpty() ? null : models.get(models.size() - 1).id());
    }

    static JsonObject model(ModelEntry model) {
        return new JsonObject()
                .put("type", "model")
                .put("id", model.id())
                .put("display_name", model.id())
                .put("created_at", CREATED_AT)
                .put("lifecycle", "active");
    }
}
