package dev.junction.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
class ConfigLoaderTest {

    private static final String MINIMAL = """
            plugins:
              dir: plugins
            backends:
              echo:
                plugin: echo
                models: [echo]
            """;

    @TempDir
    Path dir;

    @Test
    void loads_a_full_file_into_records(Vertx vertx, VertxTestContext testContext) throws IOException {
        Path file = write("gateway.yaml", """
                server:
                  host: 0.0.0.0
                  port: 9090
                  instances: 3
                  maxBodyBytes: 1048576
                  keepAliveSeconds: 5
                plugins:
                  dir: /opt/junction/plugins
                  scanIntervalMillis: 250
                auth:
                  keys: []
                cluster:
                  enabled: false
                backends:
                  echo:
                    plugin: echo
                    models: [echo]
                  claude:
                    plugin: claude-code
                    models: [claude, claude-sonnet-4]
                    options: {command: claude, timeoutSeconds: 600}
                """);

        ConfigLoader.load(vertx, file, Map.of(), null)
                .onComplete(testContext.succeeding(config -> testContext.verify(() -> {
                    assertThat(config.server()).isEqualTo(new ServerConfig(
                            "0.0.0.0", 9090, 3, 1048576, 5, 30, 2, List.of(), List.of(), ConnectionLimits.DEFAULTS));
                    assertThat(config.plugins()).isEqualTo(new PluginsConfig(Path.of("/opt/junction/plugins"), 250));
                    assertThat(config.source().file()).isEqualTo(file);
                    assertThat(config.backends()).containsOnlyKeys("echo", "claude");
                    assertThat(config.backends().get("echo"))
                            .isEqualTo(new BackendConfig("echo", "echo", List.of("echo"), new JsonObject()));
                    assertThat(config.backends().get("claude"))
                            .isEqualTo(new BackendConfig(
                                    "claude",
                                    "claude-code",
                                    List.of("claude", "claude-sonnet-4"),
                                    new JsonObject().put("command", "claude").put("timeoutSeconds", 600)));
                    testContext.completeNow();
                })));
    }

    @Test
    void applies_server_defaults_when_the_section_is_absent(Vertx vertx, VertxTestContext testContext)
            throws IOException {
        Path file = write("gateway.yaml", MINIMAL);

        ConfigLoader.load(vertx, file, Map.of(), null)
                .onComplete(testContext.succeeding(config -> testContext.verify(() -> {
                    assertThat(config.server()).isEqualTo(new ServerConfig("127.0.0.1", 8080, 33554432L, 15, 30, 2));
                    assertThat(config.plugins().scanIntervalMillis()).isEqualTo(1000);
                    assertThat(config.server().instances()).as("one per core")
                            .isEqualTo(Runtime.getRuntime().availableProcessors());
                    testContext.completeNow();
                })));
    }

    @Test
    void keeps_what_a_reload_needs_and_the_revision_of_the_content(Vertx vertx, VertxTestContext testContext)
            throws IOException {
        Path file = write("gateway.yaml", MINIMAL);

        ConfigLoader.load(vertx, dir.resolve("./gateway.yaml"), Map.of("SECRET", "sk-env"), 9191)
                .onComplete(testContext.succeeding(config -> testContext.verify(() -> {
                    assertThat(config.source()).isEqualTo(new ConfigSource(file, Map.of("SECRET", "sk-env"), 9191));
                    assertThat(config.source().file()).isEqualTo(file);
                    assertThat(config.source()).hasToString(file.toString());
                    assertThat(config.revision())
                            .isEqualTo(HexFormat.of().formatHex(Digests.sha256(MINIMAL)))
                            .hasSize(64);
                    testContext.completeNow();
                })));
    }

    @Test
    void resolves_a_relative_plugins_dir_against_the_file_folder(Vertx vertx, VertxTestContext testContext)
            throws IOException {
        Path file = write("conf/gateway.yaml", MINIMAL.replace("dir: plugins", "dir: ../build/./plugins"));

        ConfigLoader.load(vertx, file, Map.of(), null)
                .onComplete(testContext.succeeding(config -> testContext.verify(() -> {
                    assertThat(config.plugins().dir()).isEqualTo(dir.resolve("build/plugins"));
                    assertThat(config.plugins().dir()).isAbsolute();
                    testContext.completeNow();
                })));
    }

    @Test
    void keeps_backends_in_file_order(Vertx vertx, VertxTestContext testContext) throws IOException {
        Path file = write("gateway.yaml", """
                plugins: {dir: plugins}
                backends:
                  zeta: {plugin: echo, models: [z]}
                  alpha: {plugin: echo, models: [a]}
                  mid: {plugin: echo, models: [m]}
                """);

        ConfigLoader.load(vertx, file, Map.of(), null)
                .onComplete(testContext.succeeding(config -> testContext.verify(() -> {
                    assertThat(config.backends().keySet()).containsExactly("zeta", "alpha", "mid");
                    testContext.completeNow();
                })));
    }

    @Test
    void expands_variables_in_nested_values_and_lists(Vertx vertx, VertxTestContext testContext)
            throws IOException {
        Path file = write("gateway.yaml", """
                server:
                  port: ${PORT:-7000}
                plugins:
                  dir: ${PLUGINS}
                backends:
                  openai:
                    plugin: openai
                    models: ["${MODEL_PREFIX}-*", "o*"]
                    options:
                      baseUrl: ${BASE_URL:-https://api.openai.com/v1}
                      apiKey: ${OPENAI_API_KEY}
                      headers: {X-Team: "team-${TEAM}"}
                      extra: ["${TEAM}", 42]
                """);
        Map<String, String> env = Map.of(
                "PLUGINS", "/srv/plugins", "MODEL_PREFIX", "gpt", "OPENAI_API_KEY", "sk-test", "TEAM", "a");

        ConfigLoader.load(vertx, file, env, null)
                .onComplete(testContext.succeeding(config -> testContext.verify(() -> {
                    assertThat(config.server().port()).isEqualTo(7000);
                    assertThat(config.plugins().dir()).isEqualTo(Path.of("/srv/plugins"));
                    BackendConfig openai = config.backends().get("openai");
                    assertThat(openai.models()).containsExactly("gpt-*", "o*");
                    assertThat(openai.options())
                            .isEqualTo(new JsonObject("""
                                    {"baseUrl": "https://api.openai.com/v1", "apiKey": "sk-test",
                                     "headers": {"X-Team": "team-a"}, "extra": ["a", 42]}
                                    """));
                    testContext.completeNow();
                })));
    }

    @Test
    void binds_key_limits_leaving_absent_ones_unlimited(Vertx vertx, VertxTestContext testContext)
            throws IOException {
        Path file = write("gateway.yaml", MINIMAL + """
                auth:
                  keys:
                    - name: team-a
                      key: ${TEAM_A_KEY}
                      models: ["claude*", "echo"]
                      limits: {requestsPerMinute: 60, tokensPerMinute: "${TEAM_A_TPM}", concurrentRequests: 4}
                    - name: team-b
                      key: sk-b
                      limits: {concurrentRequests: 2}
                    - name: team-c
                      key: sk-c
                """);

        ConfigLoader.load(vertx, file, Map.of("TEAM_A_KEY", "sk-a", "TEAM_A_TPM", "200000"), null)
                .onComplete(testContext.succeeding(config -> testContext.verify(() -> {
                    List<ApiKeyConfig> keys = config.auth().keys();
                    assertThat(keys).extracting(ApiKeyConfig::limits).containsExactly(
                            new KeyLimits(60L, 200000L, 4L), new KeyLimits(null, null, 2L), KeyLimits.NONE);
                    assertThat(keys.get(2).limits().any()).isFalse();
                    testContext.completeNow();
                })));
    }

    @Test
    void reports_an_unset_variable_with_its_path(Vertx vertx, VertxTestContext testContext) throws IOException {
        Path file = write("gateway.yaml", MINIMAL + """
                  openai:
                    plugin: openai
                    models: [gpt-4o]
                    options: {apiKey: "${OPENAI_API_KEY}"}
                """);

        ConfigLoader.load(vertx, file, Map.of(), null)
                .onComplete(testContext.failing(error -> testContext.verify(() -> {
                    assertThat(error).isInstanceOf(ConfigException.class);
                    assertThat(((ConfigException) error).errors())
                            .singleElement()
                            .asString()
                            .startsWith("backends.openai.options.apiKey: "
                                    + "environment variable OPENAI_API_KEY is not set");
                    assertThat(error.getMessage()).startsWith("Invalid configuration " + file + ":\n  - ");
                    testContext.completeNow();
                })));
    }

    @Test
    void port_override_replaces_the_configured_port(Vertx vertx, VertxTestContext testContext) throws IOException {
        Path file = write("gateway.yaml", "server: {port: 9090}\n" + MINIMAL);

        ConfigLoader.load(vertx, file, Map.of(), 0)
                .onComplete(testContext.succeeding(config -> testContext.verify(() -> {
                    assertThat(config.server().port()).isZero();
                    testContext.completeNow();
                })));
    }

    @Test
    void port_override_applies_without_a_server_section(Vertx vertx, VertxTestContext testContext)
            throws IOException {
        Path file = write("gateway.yaml", MINIMAL);

        ConfigLoader.load(vertx, file, Map.of(), 18080)
                .onComplete(testContext.succeeding(config -> testContext.verify(() -> {
                    assertThat(config.server()).isEqualTo(new ServerConfig("127.0.0.1", 18080, 33554432L, 15, 30, 2));
                    testContext.completeNow();
                })));
    }

    @Test
    void rejects_an_out_of_range_port_override(Vertx vertx, VertxTestContext testContext) throws IOException {
        Path file = write("gateway.yaml", MINIMAL);

        ConfigLoader.load(vertx, file, Map.of(), 70000)
                .onComplete(testContext.failing(error -> testContext.verify(() -> {
                    assertThat(((ConfigException) error).errors())
                            .containsExactly("server.port: must be an integer from 0 to 65535");
                    testContext.completeNow();
                })));
    }

    @Test
    void reports_every_validation_error_in_one_readable_message(Vertx vertx, VertxTestContext testContext)
            throws IOException {
        Path file = write("gateway.yaml", """
                server: {port: high, prot: 1}
                backends:
                  echo: {models: [echo, ""]}
                """);

        ConfigLoader.load(vertx, file, Map.of(), null)
                .onComplete(testContext.failing(error -> testContext.verify(() -> {
                    assertThat(error)
                            .isInstanceOf(ConfigException.class)
                            .hasMessage("Invalid configuration " + file + ":\n"
                                    + "  - server.prot: unknown key\n"
                                    + "  - server.port: must be an integer from 0 to 65535\n"
                                    + "  - plugins.dir: required\n"
                                    + "  - backends.echo.plugin: required\n"
                                    + "  - backends.echo.models[1]: must be a non-empty string");
                    assertThat(((ConfigException) error).errors()).hasSize(5);
                    testContext.completeNow();
                })));
    }

    @Test
    void reports_required_sections_for_an_empty_file(Vertx vertx, VertxTestContext testContext) throws IOException {
        Path file = write("gateway.yaml", "");

        ConfigLoader.load(vertx, file, Map.of(), null)
                .onComplete(testContext.failing(error -> testContext.verify(() -> {
                    assertThat(((ConfigException) error).errors())
                            .containsExactly("plugins.dir: required", "backends: at least one backend is required");
                    testContext.completeNow();
                })));
    }

    @Test
    void fails_on_a_missing_file_naming_it(Vertx vertx, VertxTestContext testContext) {
        Path file = dir.resolve("absent.yaml");

        ConfigLoader.load(vertx, file, Map.of(), null)
                .onComplete(testContext.failing(error -> testContext.verify(() -> {
                    assertThat(error)
                            .isInstanceOf(ConfigException.class)
                            .hasMessage("Cannot read configuration file " + file + ": file not found");
                    testContext.completeNow();
                })));
    }

    @Test
    void fails_on_a_folder_given_as_the_file(Vertx vertx, VertxTestContext testContext) {
        ConfigLoader.load(vertx, dir, Map.of(), null)
                .onComplete(testContext.failing(error -> testContext.verify(() -> {
                    assertThat(error)
                            .isInstanceOf(ConfigException.class)
                            .hasMessageStartingWith("Cannot read configuration file " + dir + ": ");
                    testContext.completeNow();
                })));
    }

    @Test
    void fails_on_malformed_yaml_naming_the_file(Vertx vertx, VertxTestContext testContext) throws IOException {
        Path file = write("gateway.yaml", "server:\n  port: [8080\nplugins: {dir: plugins}\n");

        ConfigLoader.load(vertx, file, Map.of(), null)
                .onComplete(testContext.failing(error -> testContext.verify(() -> {
                    assertThat(error)
                            .isInstanceOf(ConfigException.class)
                            .hasMessageStartingWith("Malformed YAML in configuration file " + file + ": ")
                            .hasMessageContaining("line");
                    testContext.completeNow();
                })));
    }

    @Test
    void fails_when_the_document_is_not_a_mapping(Vertx vertx, VertxTestContext testContext) throws IOException {
        Path file = write("gateway.yaml", "- server\n- backends\n");

        ConfigLoader.load(vertx, file, Map.of(), null)
                .onComplete(testContext.failing(error -> testContext.verify(() -> {
                    assertThat(error)
                            .hasMessage("Malformed YAML in configuration file " + file
                                    + ": the document must be a mapping of keys to values");
                    testContext.completeNow();
                })));
    }

    @Test
    void default_file_is_config_gateway_yaml() {
        assertThat(ConfigLoader.defaultFile(Map.of())).isEqualTo(Path.of("config/gateway.yaml"));
    }

    @Test
    void default_file_comes_from_junction_config_when_set() {
        assertThat(ConfigLoader.defaultFile(Map.of("JUNCTION_CONFIG", "/etc/junction.yaml")))
                .isEqualTo(Path.of("/etc/junction.yaml"));
    }

    private Path write(String name, String yaml) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, yaml);
    }
}
