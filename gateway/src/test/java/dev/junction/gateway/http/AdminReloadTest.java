package dev.junction.gateway.http;

import static dev.junction.gateway.http.AdminEndpointsTest.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.gateway.config.ReloadReport;
import dev.junction.gateway.support.LogTap;
import dev.junction.gateway.support.PluginJar;
import dev.junction.gateway.support.ProbeBackendFactory;
import dev.junction.gateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

/**
 * {@code POST /admin/plugins/reload} loads a JAR dropped into the folder of a running gateway and
 * brings up the backends waiting for it; a configuration reload changes the admin key; the key is
 * never logged.
 */
@Timeout(120)
class AdminReloadTest {

    private static final String DROPPED = "  dropped:\n    plugin: probe\n    models: [dropped]\n";

    @Test
    void reload_loads_a_jar_dropped_in_after_start_and_its_backend_then_answers(@TempDir Path dir) throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(TestGateway.BUILT_PLUGINS.resolve("echo.jar"), plugins.resolve("echo.jar"));
        try (TestGateway gateway = TestGateway.builder(dir)
                .plugins(plugins)
                .pluginOptions("  scanIntervalMillis: 0\n")
                .backends(TestGateway.echoBackend() + DROPPED)
                .auth("  adminKey: " + AdminEndpointsTest.ADMIN_KEY + "\n")
                .start()) {
            assertThatThrownBy(() -> gateway.openAi("any").chat().completions().create(chat("dropped")))
                    .as("no plugin yet")
                    .isInstanceOfSatisfying(OpenAIServiceException.class,
                            unavailable -> assertThat(unavailable.statusCode()).isEqualTo(503));

            PluginJar.write(plugins, "probe", ">=0.1.0", ProbeBackendFactory.class,
                    ProbeBackendFactory.class, ProbeBackendFactory.ProbeBackend.class);
            String before = send(gateway, "GET", "/admin/plugins", "x-api-key", AdminEndpointsTest.ADMIN_KEY).body();
            assertThat(before).as("the folder is not watched: nothing scanned it yet").doesNotContain("probe");
            HttpResponse<String> reloaded =
                    send(gateway, "POST", "/admin/plugins/reload", "Authorization", "Bearer " + AdminEndpointsTest.ADMIN_KEY);

            assertThat(reloaded.statusCode()).as(reloaded.body()).isEqualTo(200);
            JsonObject probe = plugin(reloaded.body(), "probe");
            assertThat(probe.getString("state")).isEqualTo("started");
            assertThat(probe.getString("version")).isEqualTo("1.0.0");
            assertThat(probe.getString("file")).isEqualTo("probe.jar");
            assertThat(probe.getJsonArray("backends")).containsExactly("dropped");
            ChatCompletion answer = gateway.openAi("any").chat().completions().create(chat("dropped"));
            assertThat(answer.choices().get(0).message().content()).hasValue("ok");
            assertThat(plugin(send(gateway, "GET", "/admin/plugins", "x-api-key", AdminEndpointsTest.ADMIN_KEY).body(), "echo")
                    .getString("state")).isEqualTo("started");
        }
    }

    @Test
    void a_configuration_reload_changes_the_key_which_is_never_logged(@TempDir Path dir) throws Exception {
        String first = "adm-first-0a4e7c21d9";
        String second = "adm-second-6b3f80e5c2";
        String refused = "adm-refused-91c2d7a4";
        String unparsable = "adm-unparsable-5e0b93f1";
        BlockingQueue<ReloadReport> reports = new LinkedBlockingQueue<>();
        try (LogTap log = LogTap.install();
                TestGateway gateway = TestGateway.builder(dir)
                        .server("  reloadSeconds: 1\n")
                        .auth("  adminKey: " + first + "\n")
                        .start()) {
            gateway.onReload(reports::add);
            assertThat(send(gateway, "GET", "/admin/plugins", "x-api-key", first).statusCode()).isEqualTo(200);
            assertThat(send(gateway, "GET", "/admin/plugins", "x-api-key", second).statusCode()).isEqualTo(403);

            rewrite(gateway, dir, "  adminKey: \" " + refused + "\"\n");
            assertThat(nextReport(reports).level()).isEqualTo(Level.ERROR);
            rewrite(gateway, dir, "  adminKey: \"" + unparsable + "\n");
            assertThat(nextReport(reports).message()).contains("Malformed YAML").contains("line");
            rewrite(gateway, dir, "  adminKey: " + second + "\n");
            assertThat(nextReport(reports).level()).isEqualTo(Level.INFO);

            assertThat(send(gateway, "GET", "/admin/plugins", "x-api-key", first).statusCode()).isEqualTo(403);
            assertThat(send(gateway, "POST", "/admin/plugins/reload", "x-api-key", second).statusCode()).isEqualTo(200);
            gateway.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertThat(log.textOnce("/admin/plugins/reload", Duration.ofSeconds(10)))
                    .contains("/admin/plugins/reload")
                    .doesNotContain(first).doesNotContain(second).doesNotContain(refused)
                    .doesNotContain(unparsable);
        }
    }

    @Test
    void a_listing_waits_for_a_reload_under_way_no_longer_than_its_bound(@TempDir Path dir) throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(TestGateway.BUILT_PLUGINS.resolve("echo.jar"), plugins.resolve("echo.jar"));
        PluginJar.write(plugins, "gated", ">=0.1.0", GatedStartFactory.class, GatedStartFactory.class);
        String auth = "  adminKey: " + AdminEndpointsTest.ADMIN_KEY + "\n";
        try (TestGateway gateway = TestGateway.builder(dir).plugins(plugins).server("  reloadSeconds: 1\n").auth(auth).start()) {
            String gated = TestGateway.echoBackend() + "  gated:\n    plugin: gated\n    models: [gated]\n";
            rewrite(gateway, TestGateway.builder(dir).plugins(plugins).server("  reloadSeconds: 1\n").auth(auth).backends(gated));
            assertThat(GatedStartFactory.Gate.waiting.await(30, TimeUnit.SECONDS)).as("the reload starts the backend").isTrue();
            try {
                long asked = System.nanoTime();
                HttpResponse<String> late = send(gateway, "GET", "/admin/plugins", "x-api-key", AdminEndpointsTest.ADMIN_KEY);

                assertThat(late.statusCode()).as(late.body()).isEqualTo(503);
                assertThat(late.headers().firstValue("retry-after")).hasValue("1");
                assertThat(Duration.ofNanos(System.nanoTime() - asked))
                        .isBetween(PluginsHandler.LIST_WAIT, PluginsHandler.LIST_WAIT.multipliedBy(2));
            } finally {
                GatedStartFactory.Gate.open.countDown();
            }
            HttpResponse<String> listed = send(gateway, "GET", "/admin/plugins", "x-api-key", AdminEndpointsTest.ADMIN_KEY);
            assertThat(listed.statusCode()).isEqualTo(200);
            assertThat(plugin(listed.body(), "gated").getJsonArray("backends")).containsExactly("gated");
        }
    }

    private static ChatCompletionCreateParams chat(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("hi").build();
    }

    private static JsonObject plugin(String listing, String id) {
        return new JsonObject(listing).getJsonArray("plugins").stream()
                .map(JsonObject.class::cast)
                .filter(plugin -> id.equals(plugin.getString("id")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no plugin " + id + " in " + listing));
    }

    /** Replaces the gateway's file at once with the same sections and this {@code auth:} section. */
    private static void rewrite(TestGateway gateway, Path dir, String authYaml) throws Exception {
        rewrite(gateway, TestGateway.builder(dir).server("  reloadSeconds: 1\n").auth(authYaml));
    }

    /** Replaces the gateway's file at once with what {@code file} writes. */
    private static void rewrite(TestGateway gateway, TestGateway.Builder file) throws Exception {
        Path temporary = Files.writeString(gateway.configFile().resolveSibling("gateway.yaml.tmp"), file.yaml());
        Files.move(temporary, gateway.configFile(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static ReloadReport nextReport(BlockingQueue<ReloadReport> reports) throws InterruptedException {
        ReloadReport report = reports.poll(20, TimeUnit.SECONDS);
        assertThat(report).as("a line of the configuration watcher").isNotNull();
        return report;
    }
}
