package dev.junction.gateway.dialect.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.models.models.ModelInfo;
import com.anthropic.models.models.ModelListPageResponse;
import dev.junction.gateway.dialect.ModelEntry;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnthropicModelsTest {

    private final AnthropicFamily dialect = AnthropicFamily.INSTANCE;
    private final List<ModelEntry> models =
            List.of(new ModelEntry("claude-sonnet-4-5", "claude-cli"), new ModelEntry("echo", "echo"));

    @Test
    void lists_models_with_first_and_last_ids() {
        JsonObject list = dialect.modelList(models);

        assertThat(list.getJsonArray("data")).hasSize(2);
        assertThat(list.getJsonArray("data").getJsonObject(1).getString("id")).isEqualTo("echo");
        assertThat(list.getBoolean("has_more")).isFalse();
        assertThat(list.getString("first_id")).isEqualTo("claude-sonnet-4-5");
        assertThat(list.getString("last_id")).isEqualTo("echo");
    }

    @Test
    void lists_no_models_with_null_first_and_last_ids() {
        JsonObject list = dialect.modelList(List.of());

        assertThat(list.getJsonArray("data")).isEmpty();
        assertThat(list.containsKey("first_id")).isTrue();
        assertThat(list.getString("first_id")).isNull();
        assertThat(list.getString("last_id")).isNull();
    }

    @Test
    void describes_a_model_with_its_id_as_display_name_and_an_rfc3339_creation_time() {
        JsonObject model = dialect.model(new ModelEntry("echo", "echo"));

        assertThat(model.getString("type")).isEqualTo("model");
        assertThat(model.getString("id")).isEqualTo("echo");
        assertThat(model.getString("display_name")).isEqualTo("echo");
        assertThat(OffsetDateTime.parse(model.getString("created_at"))).isBeforeOrEqualTo(OffsetDateTime.now());
    }

    @Test
    void the_sdk_reads_a_model_and_a_model_list() {
        ModelInfo info =
                Sdk.read(dialect.model(models.get(0)).encode(), ModelInfo.class).validate();
        ModelListPageResponse page = Sdk.read(dialect.modelList(models).encode(), ModelListPageResponse.class)
                .validate();

        assertThat(info.id()).isEqualTo("claude-sonnet-4-5");
        assertThat(info.displayName()).isEqualTo("claude-sonnet-4-5");
        assertThat(page.data()).extracting(ModelInfo::id).containsExactly("claude-sonnet-4-5", "echo");
        assertThat(page.hasMore()).isFalse();
        assertThat(page.lastId()).contains("echo");
    }
}
