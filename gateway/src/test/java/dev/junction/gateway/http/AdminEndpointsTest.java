package dev.junction.gateway.http;

import static dev.junction.gateway.support.ErrorShapes.assertErrorShape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.gateway.support.PluginJar;
import dev.junction.gateway.support.ProbeBackendFactory;
import dev.junction.gateway.support.RawConnection;
import dev.junction.gateway.support.Scrapes;
import dev.junction.gateway.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code /admin/plugins} behind {@code auth.adminKey}: off without it, 401 without a key, 403 with
 * another (an API key too), the plugin folder listed with the key (started, refused and unreadable
 * JARs, the backends using each), never the key in the access log, and the browser checks in force.
 */
@Timeout(120)
class AdminEndpointsTest {

    static final String ADMIN_KEY = "adm-7d0c4b2e9f13a5c8";
    private static final String API_KEY = "sk-team-31f5a09d";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static final Queue<String> accessLog = new ConcurrentLinkedQueue<>();
    private static TestGateway gateway;

    @BeforeAll
    static void start(@TempDir Path dir) throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(TestGateway.BUILT_PLUGINS.resolve("echo.jar"), plugins.resolve("echo.jar"));
        PluginJar.write(plugins, "future", ">=2.0.0", ProbeBackendFactory.class,
                ProbeBackendFactory.class, ProbeBackendFactory.ProbeBackend.class);
        Files.writeString(plugins.resolve("broken.jar"), "not a zip file");
        gateway = TestGateway.builder(dir)
                .plugins(plugins)
                .backends(TestGateway.echoBackend()
                        + "  echo-too:\n    plugin: echo\n    models: [echo-too]\n"
                        + "  later:\n    plugin: future\n    models: [later]\n")
                .auth("  adminKey: " + ADMIN_KEY + "\n  keys:\n    - name: team\n      key: " + API_KEY + "\n")
                .accessLog(accessLog::add)
                .start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void the_endpoints_are_off_without_an_admin_key(@TempDir Path dir) throws Exception {
        try (TestGateway keyless = TestGateway.builder(dir).start()) {
            HttpResponse<String> list = send(keyless, "GET", "/admin/plugins", "Authorization", "Bearer " + ADMIN_KEY);
            HttpResponse<String> reload = send(keyless, "POST", "/admin/plugins/reload",
                    "x-api-key", ADMIN_KEY, "Content-Type", "application/json");

            for (HttpResponse<String> answer : List.of(list, reload)) {
                assertThat(answer.statusCode()).isEqualTo(404);
                assertThat(assertErrorShape("/admin/plugins", answer.body())).startsWith("Unknown endpoint");
            }
        }
    }

    @Test
    void no_key_is_401_in_the_openai_shape() throws Exception {
        for (String method : List.of("GET", "POST")) {
            HttpResponse<String> answer = send(gateway, method, method.equals("GET") ? "/admin/plugins" : "/admin/plugins/reload");

            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(assertErrorShape("/admin/plugins", answer.body())).contains("No admin key provided");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"adm-7d0c4b2e9f13a5c9", API_KEY, "x"})
    void another_key_is_403_even_an_api_key(String key) throws Exception {
        for (String header : List.of("Authorization", "x-api-key")) {
            HttpResponse<String> answer =
                    send(gateway, "GET", "/admin/plugins", header, header.equals("x-api-key") ? key : "Bearer " + key);

            assertThat(answer.statusCode()).isEqualTo(403);
            assertThat(assertErrorShape("/admin/plugins", answer.body()))
                    .contains("does not open the admin endpoints")
                    .doesNotContain(key);
        }
    }

    @Test
    void the_admin_key_is_no_api_key() {
        ChatCompletionCreateParams chat = ChatCompletionCreateParams.builder().model("echo").addUserMessage("hi").build();

        assertThatThrownBy(() -> gateway.openAi(ADMIN_KEY).chat().completions().create(chat))
                .isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void lists_each_jar_with_its_state_version_backends_and_error_via_either_header() throws Exception {
        for (HttpResponse<String> answer : List.of(
                send(gateway, "GET", "/admin/plugins", "Authorization", "Bearer " + ADMIN_KEY),
                send(gateway, "GET", "/admin/plugins", "x-api-key", ADMIN_KEY))) {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.headers().firstValue("content-type")).hasValue("application/json");
            JsonArray plugins = new JsonObject(answer.body()).getJsonArray("plugins");

            assertThat(plugins.size()).as(answer.body()).isEqualTo(3);
            JsonObject echo = byFile(plugins, "echo.jar");
            assertThat(echo.getString("id")).isEqualTo("echo");
            assertThat(echo.getString("version")).matches("\\d+\\.\\d+\\.\\d+.*");
            assertThat(echo.getString("state")).isEqualTo("started");
            assertThat(echo.getString("file")).isEqualTo("echo.jar");
            assertThat(echo.getJsonArray("backends")).containsExactly("echo", "echo-too");
            assertThat(echo.containsKey("error")).isTrue();
            assertThat(echo.getString("error")).isNull();

            JsonObject future = byFile(plugins, "future.jar");
            assertThat(future.getString("id")).isEqualTo("future");
            assertThat(future.getString("version")).isEqualTo("1.0.0");
            assertThat(future.getString("state")).isEqualTo("disabled");
            assertThat(future.getString("file")).isEqualTo("future.jar");
            assertThat(future.getJsonArray("backends")).containsExactly("later");
            assertThat(future.getString("error")).contains("requires plugin API >=2.0.0");

            JsonObject broken = byFile(plugins, "broken.jar");
            assertThat(broken.getString("file")).isEqualTo("broken.jar");
            assertThat(broken.getString("state")).isEqualTo("failed");
            assertThat(broken.getString("id")).isNull();
            assertThat(broken.getJsonArray("backends")).isEmpty();
            assertThat(broken.getString("error")).contains("not a readable JAR");
        }
    }

    @Test
    void unknown_admin_paths_are_404_and_other_methods_405() throws Exception {
        HttpResponse<String> unknown = send(gateway, "GET", "/admin/nothing", "x-api-key", ADMIN_KEY);
        HttpResponse<String> listByPost = send(gateway, "POST", "/admin/plugins", "x-api-key", ADMIN_KEY);
        HttpResponse<String> reloadByGet = send(gateway, "GET", "/admin/plugins/reload", "x-api-key", ADMIN_KEY);

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertErrorShape("/admin/nothing", unknown.body());
        assertThat(listByPost.statusCode()).isEqualTo(405);
        assertThat(listByPost.headers().firstValue("allow")).hasValue("GET");
        assertThat(reloadByGet.statusCode()).isEqualTo(405);
        assertThat(reloadByGet.headers().firstValue("allow")).hasValue("POST");
        assertThat(send(gateway, "GET", "/admin/nothing").statusCode()).as("the key first").isEqualTo(401);
    }

    @Test
    void a_web_page_cannot_call_them_even_with_the_key() throws Exception {
        HttpResponse<String> answer =
                send(gateway, "POST", "/admin/plugins/reload", "x-api-key", ADMIN_KEY, "Origin", "https://evil.example");

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(assertErrorShape("/admin/plugins/reload", answer.body())).contains("web pages are refused");
    }

    @Test
    void the_access_log_and_metrics_name_the_endpoint_never_the_key() throws Exception {
        accessLog.clear();
        send(gateway, "GET", "/admin/plugins", "Authorization", "Bearer " + ADMIN_KEY);
        send(gateway, "GET", "/admin/plugins", "x-api-key", API_KEY);

        Scrapes.until(gateway, "the admin requests counted", text ->
                text.find("junction_requests_total", "endpoint", "admin_plugins", "status_class", "2xx").size() == 1
                        && text.find("junction_requests_total", "endpoint", "admin_plugins", "status_class", "4xx").size() == 1);
        assertThat(accessLog).hasSize(2).allSatisfy(line -> assertThat(line)
                .contains("\"path\":\"/admin/plugins\"")
                .doesNotContain(ADMIN_KEY)
                .doesNotContain(API_KEY));
    }

    @Test
    void a_rebound_host_name_is_refused_when_no_api_key_is_configured(@TempDir Path dir) throws Exception {
        try (TestGateway keyless = TestGateway.builder(dir).auth("  adminKey: " + ADMIN_KEY + "\n").start();
                RawConnection connection = RawConnection.open(keyless.port())) {
            RawConnection.Answer answer = connection
                    .send("GET /admin/plugins HTTP/1.1\r\nHost: attacker.example\r\nx-api-key: " + ADMIN_KEY + "\r\n\r\n")
                    .read();

            assertThat(answer.status()).isEqualTo(403);
            assertThat(send(keyless, "GET", "/admin/plugins", "x-api-key", ADMIN_KEY).statusCode()).isEqualTo(200);
        }
    }

    static HttpResponse<String> send(TestGateway gateway, String method, String path, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.url(path)))
                .timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject byFile(JsonArray plugins, String file) {
        return plugins.stream()
                .map(JsonObject.class::cast)
                .filter(plugin -> file.equals(plugin.getString("file")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + file + " in " + plugins.encode()));
    }
}
