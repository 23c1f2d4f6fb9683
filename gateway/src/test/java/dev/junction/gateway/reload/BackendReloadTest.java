package dev.junction.gateway.reload;

import static dev.junction.gateway.reload.ReloadingGateway.EVERY_SECOND;
import static dev.junction.gateway.reload.ReloadingGateway.probe;
import static dev.junction.gateway.reload.ReloadingGateway.until;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.errors.NotFoundException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.models.Model;
import dev.junction.gateway.config.ReloadReport;
import dev.junction.gateway.support.PluginJar;
import dev.junction.gateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

/**
 * Backends added, removed and changed in the file apply without a restart, through the OpenAI SDK,
 * on every HTTP server instance of the node.
 */
@Timeout(60)
class BackendReloadTest {

    private static final String ECHO = TestGateway.echoBackend();

    @Test
    void a_backend_added_to_the_file_serves_without_a_restart(@TempDir Path dir) throws Exception {
        try (ReloadingGateway gateway = ReloadingGateway.start(dir, ECHO)) {
            OpenAIClient client = gateway.openAi();
            assertThat(modelIds(client)).containsExactly("echo");

            gateway.rewrite(ECHO + probe("added", "[tick]", "new"));

            assertThat(gateway.awaitApplied().message())
                    .contains(gateway.configFile().toString())
                    .contains("backends added [added]; 0 API keys");
            assertThat(modelIds(client)).containsExactly("echo", "tick");
            assertThat(reply(client, "tick")).isEqualTo("new-start new-end");
            assertThat(health(gateway).fieldNames()).containsExactlyInAnyOrder("echo", "added");
        }
    }

    @Test
    void a_backend_added_to_the_file_serves_on_every_instance(@TempDir Path dir) throws Exception {
        String fourInstances = EVERY_SECOND + "  instances: 4\n";
        try (ReloadingGateway gateway = ReloadingGateway.start(dir, fourInstances, "", ECHO)) {
            gateway.rewrite(fourInstances, "", ECHO + probe("added", "[tick]", "new"));

            assertThat(gateway.awaitApplied().message()).contains("backends added [added]");
            for (int i = 0; i < 4; i++) {
                // A client each: a connection each, which the node hands to its four instances in turn.
                assertThat(reply(gateway.openAi(), "tick")).as("connection %d", i).isEqualTo("new-start new-end");
            }
        }
    }

    @Test
    void a_backend_removed_from_the_file_answers_404_and_is_closed(@TempDir Path dir) throws Exception {
        try (ReloadingGateway gateway = ReloadingGateway.start(dir, ECHO + probe("gone", "[tick]", "old"))) {
            OpenAIClient client = gateway.openAi();
            assertThat(reply(client, "tick")).isEqualTo("old-start old-end");

            gateway.rewrite(ECHO);

            assertThat(gateway.awaitApplied().message()).contains("backends removed [gone]");
            assertThatThrownBy(() -> reply(client, "tick"))
                    .isInstanceOf(NotFoundException.class)
                    .hasMessageContaining("tick");
            assertThat(modelIds(client)).containsExactly("echo");
            assertThat(health(gateway).fieldNames()).containsExactly("echo");
            until("the removed backend is closed", () -> ReloadProbe.closed("gone") == 1);
            assertThat(reply(client, "echo")).isEqualTo("echo");
            assertThat(get(gateway, "/metrics")).containsPattern("(?m)^junction_backend_up\\{backend=\"gone\",?\\} 0\\.0$");
        }
    }

    @Test
    void an_unrelated_edit_keeps_unchanged_backends_running(@TempDir Path dir) throws Exception {
        try (ReloadingGateway gateway = ReloadingGateway.start(dir, probe("steady", "[tick]", "a") + probe("other", "[tock]", "b"))) {
            OpenAIClient client = gateway.openAi();

            // steady gains a model (no new instance needed); other is left alone; echo is new
            gateway.rewrite(probe("steady", "[tick, tack]", "a") + probe("other", "[tock]", "b") + ECHO);

            assertThat(gateway.awaitApplied().message()).contains("backends added [echo], updated [steady]");
            assertThat(reply(client, "tack")).isEqualTo("a-start a-end");
            assertThat(reply(client, "tock")).isEqualTo("b-start b-end");
            assertThat(ReloadProbe.created("steady")).isEqualTo(1);
            assertThat(ReloadProbe.created("other")).isEqualTo(1);
            assertThat(ReloadProbe.closed("steady") + ReloadProbe.closed("other")).isZero();
        }
    }

    @Test
    void changed_options_start_a_new_instance_and_close_the_old_one(@TempDir Path dir) throws Exception {
        try (ReloadingGateway gateway = ReloadingGateway.start(dir, probe("tuned", "[tick]", "before"))) {
            OpenAIClient client = gateway.openAi();
            assertThat(reply(client, "tick")).isEqualTo("before-start before-end");

            gateway.rewrite(probe("tuned", "[tick]", "after"));

            assertThat(gateway.awaitApplied().message()).contains("backends changed [tuned]");
            assertThat(reply(client, "tick")).isEqualTo("after-start after-end");
            until("the old instance is closed", () -> ReloadProbe.closed("tuned") == 1);
            assertThat(ReloadProbe.created("tuned")).isEqualTo(2);
            assertThat(health(gateway).getJsonObject("tuned").getString("status")).isEqualTo("available");
        }
    }

    @Test
    void a_changed_backend_whose_new_options_fail_keeps_serving_with_the_old_ones(@TempDir Path dir) throws Exception {
        try (ReloadingGateway gateway = ReloadingGateway.start(dir, probe("tuned", "[tick]", "before"))) {
            OpenAIClient client = gateway.openAi();

            gateway.rewrite(probe("tuned", "[tick]", "broken"));
            gateway.awaitApplied();

            assertThat(reply(client, "tick")).isEqualTo("before-start before-end");
            assertThat(health(gateway).getJsonObject("tuned").getString("status")).isEqualTo("available");
            assertThat(ReloadProbe.closed("tuned")).isZero();

            gateway.rewrite(probe("tuned", "[tick]", "after"));
            assertThat(gateway.awaitApplied().message()).contains("backends changed [tuned]");
            assertThat(reply(client, "tick")).isEqualTo("after-start after-end");
        }
    }

    @Test
    void a_plugin_jar_dropped_into_the_folder_serves_a_new_backend(@TempDir Path dir) throws Exception {
        try (ReloadingGateway gateway = ReloadingGateway.start(dir, ECHO)) {
            PluginJar.write(gateway.pluginsDir(), "late-probe", ">=0.1.0", ReloadBackendFactory.class,
                    ReloadBackendFactory.class, ReloadBackendFactory.LabelBackend.class);

            gateway.rewrite(ECHO + "  late:\n    plugin: late-probe\n    models: [late]\n    options: {label: dropped}\n");

            assertThat(gateway.awaitApplied().message()).contains("backends added [late]");
            assertThat(reply(gateway.openAi(), "late")).isEqualTo("dropped-start dropped-end");
        }
    }

    @Test
    void a_new_address_needs_a_restart_and_the_rest_applies(@TempDir Path dir) throws Exception {
        try (ReloadingGateway gateway = ReloadingGateway.start(dir, ECHO)) {
            String moved = gateway.yaml(EVERY_SECOND, "", ECHO + probe("added", "[tick]", "new"))
                    .replace("port: 0", "port: 1");

            gateway.replace(moved);

            ReloadReport warning = gateway.nextReport();
            assertThat(warning.level()).isEqualTo(Level.WARN);
            assertThat(warning.message()).contains("server.port changed").contains("restart");
            assertThat(gateway.awaitApplied().message()).contains("backends added [added]");
            assertThat(reply(gateway.openAi(), "tick")).as("still served on the old port").isEqualTo("new-start new-end");
        }
    }

    @Test
    void nothing_reloads_with_reload_seconds_0(@TempDir Path dir) throws Exception {
        try (ReloadingGateway gateway = ReloadingGateway.start(dir, "  reloadSeconds: 0\n", "", ECHO)) {
            gateway.rewrite(ECHO + probe("added", "[tick]", "new"));

            // Nothing to await when nothing happens: wait longer than the default period and the settle time.
            Thread.sleep(2_600);

            assertThat(gateway.quiet()).isTrue();
            assertThatThrownBy(() -> reply(gateway.openAi(), "tick")).isInstanceOf(NotFoundException.class);
            assertThat(ReloadProbe.created("added")).isZero();
        }
    }

    static String reply(OpenAIClient client, String model) {
        ChatCompletionCreateParams params =
                ChatCompletionCreateParams.builder().model(model).addUserMessage("echo").build();
        return client.chat().completions().create(params).choices().get(0).message().content().orElse("");
    }

    private static List<String> modelIds(OpenAIClient client) {
        return client.models().list().data().stream().map(Model::id).toList();
    }

    private static JsonObject health(ReloadingGateway gateway) throws Exception {
        return new JsonObject(get(gateway, "/health")).getJsonObject("backends");
    }

    private static String get(ReloadingGateway gateway, String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(gateway.url(path))).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
