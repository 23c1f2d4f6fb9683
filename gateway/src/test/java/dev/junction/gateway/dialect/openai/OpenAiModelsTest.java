package dev.junction.gateway.dialect.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.dialect.ModelEntry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiModelsTest {

    private final OpenAiFamily dialect = OpenAiFamily.INSTANCE;

    @Test
    void lists_models_with_their_backend_as_owner() {
        JsonObject list =
                dialect.modelList(List.of(new ModelEntry("echo", "echo"), new ModelEntry("gpt-4o", "openai")));
        long created = list.getJsonArray("data").getJsonObject(0).getLong("created");

        assertThat(list)
                .isEqualTo(new JsonObject()
                        .put("object", "list")
                        .put(
                                "data",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("id", "echo")
                                                .put("object", "model")
                                                .put("created", created)
                                                .put("owned_by", "echo"))
                                        .add(new JsonObject()
                                                .put("id", "gpt-4o")
                                                .put("object", "model")
                                                .put("created", created)
                                                .put("owned_by", "openai"))));
    }

    @Test
    void gives_every_model_the_same_fixed_created_time() {
        long first = dialect.model(new ModelEntry("a", "x")).getLong("created");
        long second = OpenAiFamily.INSTANCE.model(new ModelEntry("b", "y")).getLong("created");

        assertThat(first).isEqualTo(second).isPositive();
    }

    @Test
    void lists_no_models_as_an_empty_data_array() {
        assertThat(dialect.modelList(List.of()))
                .isEqualTo(new JsonObject().put("object", "list").put("data", new JsonArray()));
    }

    @Test
    void is_named_openai() {
        assertThat(dialect.name()).isEqualTo("openai");
    }
}
