package dev.junction.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code auth.adminKey}: expanded like any value, held as a digest, off when empty, checked at load. */
@Timeout(30)
class AdminKeyConfigTest {

    private static final String KEY = "adm-5f1c9e77b0d24a41";
    private static final String FILE = """
            plugins:
              dir: plugins
            auth:
              adminKey: %s
            backends:
              echo:
                plugin: echo
                models: [echo]
            """;

    private static Vertx vertx;

    @TempDir
    Path dir;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void closeVertx() {
        vertx.close();
    }

    @Test
    void expands_the_key_from_the_environment_and_matches_only_it() throws Exception {
        GatewayConfig config = load("${JUNCTION_ADMIN_KEY}", Map.of("JUNCTION_ADMIN_KEY", KEY));

        AdminKey admin = config.auth().adminKey().orElseThrow();
        assertThat(admin.matches(KEY)).isTrue();
        assertThat(admin.matches(KEY + "x")).isFalse();
        assertThat(admin.matches(KEY.substring(1))).isFalse();
        assertThat(admin.matches("")).isFalse();
        assertThat(admin.matches(null)).isFalse();
    }

    @Test
    void never_prints_the_key() throws Exception {
        GatewayConfig config = load(KEY, Map.of());

        String digest = HexFormat.of().formatHex(Digests.sha256(KEY));
        assertThat(config.toString()).doesNotContain(KEY).doesNotContainIgnoringCase(digest);
        assertThat(ConfigDiff.between(config, load("other-admin-key-1", Map.of())).summary())
                .isEqualTo("backends unchanged; 0 API keys; admin key changed");
    }

    @Test
    void a_reload_says_whether_the_key_was_set_changed_or_removed() throws Exception {
        GatewayConfig without = load("", Map.of());
        GatewayConfig with = load(KEY, Map.of());

        assertThat(ConfigDiff.between(without, with).summary()).endsWith("; admin key set");
        assertThat(ConfigDiff.between(with, without).summary()).endsWith("; admin key removed");
        assertThat(ConfigDiff.between(with, load(KEY, Map.of())).summary()).isEqualTo("backends unchanged; 0 API keys");
    }

    @Test
    void an_empty_or_absent_key_turns_the_admin_endpoints_off() throws Exception {
        assertThat(load("${JUNCTION_ADMIN_KEY:-}", Map.of()).auth().adminKey()).isEmpty();
        assertThat(load("\"\"", Map.of()).auth().adminKey()).isEmpty();
        assertThat(load("", Map.of()).auth().adminKey()).as("a key with no value counts as absent").isEmpty();
    }

    @Test
    void a_malformed_file_is_refused_without_quoting_its_lines() throws IOException {
        Path file = Files.writeString(dir.resolve("gateway.yaml"), FILE.formatted("\"" + KEY));

        assertThatThrownBy(() -> ConfigLoader.load(vertx, file, Map.of(), null)
                        .toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join())
                .hasCauseInstanceOf(ConfigException.class)
                .hasMessageContaining("Malformed YAML")
                .hasMessageContaining("line 4, column 13")
                .hasMessageNotContaining(KEY);
    }

    @Test
    void a_key_that_is_not_a_string_is_refused() {
        assertThat(validate(new JsonObject().put("adminKey", 12345)))
                .containsExactly("auth.adminKey: must be a string; leave it out or empty to turn the admin endpoints off");
        assertThat(validate(new JsonObject().put("adminKey", new JsonArray().add(KEY))))
                .containsExactly("auth.adminKey: must be a string; leave it out or empty to turn the admin endpoints off");
    }

    @Test
    void a_key_with_whitespace_at_an_end_is_refused_without_showing_it() {
        assertThat(validate(new JsonObject().put("adminKey", " " + KEY)))
                .containsExactly("auth.adminKey: must not begin or end with whitespace");
        assertThat(validate(new JsonObject().put("adminKey", KEY + "\n")))
                .containsExactly("auth.adminKey: must not begin or end with whitespace");
    }

    @Test
    void an_api_key_cannot_be_the_admin_key() {
        String sameKey = "auth.adminKey: must differ from every key of auth.keys (an API key must not open the admin endpoints)";
        JsonObject byKey = new JsonObject().put("adminKey", KEY).put("keys", new JsonArray()
                .add(new JsonObject().put("name", "other").put("key", "sk-other"))
                .add(new JsonObject().put("name", "team").put("key", KEY)));
        JsonObject byDigest = new JsonObject().put("adminKey", KEY).put("keys", new JsonArray()
                .add(new JsonObject().put("name", "team")
                        .put("sha256", HexFormat.of().withUpperCase().formatHex(Digests.sha256(KEY)))));
        JsonObject different = new JsonObject().put("adminKey", KEY).put("keys", new JsonArray()
                .add(new JsonObject().put("name", "team").put("key", "sk-team")));

        assertThat(validate(byKey)).containsExactly(sameKey);
        assertThat(validate(byDigest)).containsExactly(sameKey);
        assertThat(validate(different)).isEmpty();
    }

    private static List<String> validate(JsonObject auth) {
        JsonObject root = new JsonObject()
                .put("plugins", new JsonObject().put("dir", "plugins"))
                .put("auth", auth)
                .put("backends", new JsonObject().put("echo", new JsonObject()
                        .put("plugin", "echo").put("models", new JsonArray().add("echo"))));
        return ConfigValidator.validate(root);
    }

    private GatewayConfig load(String adminKeyYaml, Map<String, String> env) throws IOException {
        Path file = Files.writeString(Files.createTempFile(dir, "gateway", ".yaml"), FILE.formatted(adminKeyYaml));
        return ConfigLoader.load(vertx, file, env, null)
                .toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }
}
