package dev.junction.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigValidatorTest {

    private static final String VALID = """
            {"plugins": {"dir": "plugins"},
             "backends": {"echo": {"plugin": "echo", "models": ["echo"]}}}
            """;

    @Test
    void accepts_a_minimal_configuration() {
        assertThat(validate(VALID)).isEmpty();
    }

    @Test
    void accepts_a_complete_configuration() {
        assertThat(validate("""
                        {"server": {"host": "0.0.0.0", "port": 0, "maxBodyBytes": 1024, "keepAliveSeconds": 0, "reloadSeconds": 0},
                         "plugins": {"dir": "/opt/plugins", "scanIntervalMillis": 0},
                         "auth": {"keys": []}, "cluster": {"enabled": true},
                         "backends": {"my.back_end-1": {"plugin": "openai", "models": ["gpt-*"],
                                                        "options": {"apiKey": "k", "anything": [1, 2]}}}}
                        """))
                .isEmpty();
    }

    @Test
    void accepts_api_keys() {
        JsonObject config = new JsonObject(VALID).put("auth", new JsonObject("""
                {"keys": [{"name": "a", "key": "sk-1"},
                          {"name": "b", "sha256": "%s", "models": ["echo", "gpt-*"],
                           "limits": {"requestsPerMinute": 10, "tokensPerMinute": "200000", "concurrentRequests": 4}},
                          {"name": "c", "key": "sk-3", "limits": {"requestsPerMinute": null}}]}
                """.formatted("AB".repeat(32))));

        assertThat(ConfigValidator.validate(config)).isEmpty();
    }

    @Test
    void accepts_integers_written_as_strings_as_variables_expand_to() {
        JsonObject config = new JsonObject(VALID)
                .put("server", new JsonObject().put("port", "9090").put("maxBodyBytes", "2048").put("keepAliveSeconds", "30"));

        assertThat(ConfigValidator.validate(config)).isEmpty();
    }

    @Test
    void treats_keys_with_no_value_as_absent() {
        assertThat(validate("""
                        {"server": null, "auth": null, "plugins": {"dir": "p"},
                         "backends": {"echo": {"plugin": "echo", "models": ["echo"], "options": null}}}
                        """))
                .isEmpty();
    }

    static Stream<Arguments> invalidValues() {
        return Stream.of(
                invalid("server.port", "\"high\"", "server.port: must be an integer from 0 to 65535"),
                invalid("server.port", "65536", "server.port: must be an integer from 0 to 65535"),
                invalid("server.port", "80.5", "server.port: must be an integer from 0 to 65535"),
                invalid("server.instances", "0", "server.instances: must be an integer from 1 to 256"),
                invalid("server.instances", "257", "server.instances: must be an integer from 1 to 256"),
                invalid("server.instances", "\"many\"", "server.instances: must be an integer from 1 to 256"),
                invalid("server.host", "\"\"", "server.host: must be a non-empty string"),
                invalid("server.maxBodyBytes", "0", "server.maxBodyBytes: must be a positive integer"),
                invalid("server.keepAliveSeconds", "-1", "server.keepAliveSeconds: must be an integer from 0 (off) to 3600"),
                invalid("server.keepAliveSeconds", "\"often\"", "server.keepAliveSeconds: must be an integer from 0 (off) to 3600"),
                invalid("server.keepAliveSeconds", "1.5", "server.keepAliveSeconds: must be an integer from 0 (off) to 3600"),
                invalid("server.drainSeconds", "-1", "server.drainSeconds: must be an integer from 0 to 3600"),
                invalid("server.drainSeconds", "\"soon\"", "server.drainSeconds: must be an integer from 0 to 3600"),
                invalid("server.reloadSeconds", "-1", "server.reloadSeconds: must be an integer from 0 (off) to 3600"),
                invalid("server.reloadSeconds", "3601", "server.reloadSeconds: must be an integer from 0 (off) to 3600"),
                invalid("server.reloadSeconds", "\"often\"", "server.reloadSeconds: must be an integer from 0 (off) to 3600"),
                invalid("server", "8080", "server: must be an object"),
                invalid("sever", "{}", "sever: unknown key"),
                invalid("server.prot", "1", "server.prot: unknown key"),
                invalid("plugins.dirs", "\"q\"", "plugins.dirs: unknown key"),
                invalid("plugins", "null", "plugins.dir: required"),
                invalid("plugins", "{}", "plugins.dir: required"),
                invalid("plugins.dir", "3", "plugins.dir: must be a non-empty string"),
                invalid("plugins.scanIntervalMillis", "-1", "plugins.scanIntervalMillis: must be an integer from 0 (off) to 3600000"),
                invalid("plugins.scanIntervalMillis", "\"1s\"", "plugins.scanIntervalMillis: must be an integer from 0 (off) to 3600000"),
                invalid("plugins", "\"p\"", "plugins: must be an object"),
                invalid("auth", "[]", "auth: must be an object"),
                invalid("cluster", "true", "cluster: must be an object"),
                invalid("backends", "null", "backends: at least one backend is required"),
                invalid("backends", "{}", "backends: at least one backend is required"),
                invalid("backends", "[\"echo\"]", "backends: must be an object mapping backend ids to backends"),
                invalid("backends.echo", "null", "backends.echo: must be an object with plugin and models"),
                invalid(
                        "backends.a/b",
                        "{\"plugin\": \"echo\", \"models\": [\"m\"]}",
                        "backends.a/b: invalid backend id; use only letters, digits, '.', '_' and '-'"),
                invalid(
                        "backends.my echo",
                        "{\"plugin\": \"echo\", \"models\": [\"m\"]}",
                        "backends.my echo: invalid backend id; use only letters, digits, '.', '_' and '-'"),
                invalid("backends.echo.plugin", "null", "backends.echo.plugin: required"),
                invalid("backends.echo.plugin", "\" \"", "backends.echo.plugin: must be a non-empty string"),
                invalid("backends.echo.models", "null", "backends.echo.models: required"),
                invalid("backends.echo.models", "[]", "backends.echo.models: must be a non-empty list of model names"),
                invalid(
                        "backends.echo.models",
                        "\"echo\"",
                        "backends.echo.models: must be a non-empty list of model names"),
                invalid(
                        "backends.echo.models",
                        "[\"echo\", \"\", 7]",
                        "backends.echo.models[1]: must be a non-empty string",
                        "backends.echo.models[2]: must be a non-empty string"),
                invalid("backends.echo.options", "\"x\"", "backends.echo.options: must be an object"),
                invalid("backends.echo.model", "[\"e\"]", "backends.echo.model: unknown key"),
                invalid("auth.key", "[]", "auth.key: unknown key"),
                invalid("auth.keys", "{}", "auth.keys: must be a list of keys"),
                invalid("auth.keys", "[\"k\"]", "auth.keys[0]: must be an object with name and key or sha256"),
                invalid(
                        "auth.keys",
                        "[{\"name\": \"a\", \"key\": \"k\"}, {\"key\": \"k2\"}]",
                        "auth.keys[1].name: required"),
                invalid("auth.keys", "[{\"name\": \" \", \"key\": \"k\"}]", "auth.keys[0].name: must be a non-empty string"),
                invalid(
                        "auth.keys",
                        "[{\"name\": \"a\", \"key\": \"k\", \"sha256\": \"" + "ab".repeat(32) + "\"}]",
                        "auth.keys[0]: give key or sha256, not both"),
                invalid("auth.keys", "[{\"name\": \"a\"}]", "auth.keys[0]: give key or sha256"),
                invalid("auth.keys", "[{\"name\": \"a\", \"key\": \"\"}]", "auth.keys[0].key: must be a non-empty string"),
                invalid(
                        "auth.keys",
                        "[{\"name\": \"a\", \"sha256\": \"abc\"}]",
                        "auth.keys[0].sha256: must be 64 hexadecimal characters (the key's SHA-256)"),
                invalid(
                        "auth.keys",
                        "[{\"name\": \"a\", \"sha256\": \"" + "zz".repeat(32) + "\"}]",
                        "auth.keys[0].sha256: must be 64 hexadecimal characters (the key's SHA-256)"),
                invalid(
                        "auth.keys",
                        "[{\"name\": \"a\", \"key\": \"k1\"}, {\"name\": \"a\", \"key\": \"k2\"}]",
                        "auth.keys[1].name: duplicate key name 'a'"),
                invalid(
                        "auth.keys",
                        "[{\"name\": \"a\", \"key\": \"k\", \"models\": []}]",
                        "auth.keys[0].models: must be a non-empty list of model names or globs; leave it out to allow every model"),
                invalid(
                        "auth.keys",
                        "[{\"name\": \"a\", \"key\": \"k\", \"models\": [\"echo\", 3]}]",
                        "auth.keys[0].models[1]: must be a non-empty string"),
                invalid(
                        "auth.keys",
                        "[{\"name\": \"a\", \"key\": \"k\", \"limits\": 5, \"quota\": 1}]",
                        "auth.keys[0].quota: unknown key",
                        "auth.keys[0].limits: must be an object"),
                invalid(
                        "auth.keys",
                        "[{\"name\": \"a\", \"key\": \"k\", \"limits\": {\"rpm\": 10}}]",
                        "auth.keys[0].limits.rpm: unknown key"),
                invalid(
                        "auth.keys",
                        "[{\"name\": \"a\", \"key\": \"k\", \"limits\": {\"requestsPerMinute\": 0}}]",
                        "auth.keys[0].limits.requestsPerMinute: must be a positive integer; leave it out for no limit"),
                invalid(
                        "auth.keys",
                        "[{\"name\": \"a\", \"key\": \"k\"}, {\"name\": \"b\", \"key\": \"k2\", \"limits\": "
                                + "{\"tokensPerMinute\": -5, \"concurrentRequests\": 1.5, \"requestsPerMinute\": \"many\"}}]",
                        "auth.keys[1].limits.tokensPerMinute: must be a positive integer; leave it out for no limit",
                        "auth.keys[1].limits.concurrentRequests: must be a positive integer; leave it out for no limit",
                        "auth.keys[1].limits.requestsPerMinute: must be a positive integer; leave it out for no limit"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("invalidValues")
    void reports_each_problem_with_its_path(String path, String value, List<String> expected) {
        JsonObject config = new JsonObject(VALID);
        set(config, path, Json.decodeValue(value));

        assertThat(ConfigValidator.validate(config)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void reports_every_problem_at_once() {
        assertThat(validate("""
                        {"server": {"host": 1, "port": -1, "maxBodyBytes": "lots", "tls": true},
                         "plugins": {"dir": ""},
                         "limits": {},
                         "backends": {
                           "echo": {"plugin": "echo", "models": [""]},
                           "claude": {"models": ["claude"], "option": {}},
                           "bad/id": {"plugin": "x", "models": []}}}
                        """))
                .containsExactlyInAnyOrder(
                        "limits: unknown key",
                        "server.tls: unknown key",
                        "server.host: must be a non-empty string",
                        "server.port: must be an integer from 0 to 65535",
                        "server.maxBodyBytes: must be a positive integer",
                        "plugins.dir: must be a non-empty string",
                        "backends.echo.models[0]: must be a non-empty string",
                        "backends.claude.option: unknown key",
                        "backends.claude.plugin: required",
                        "backends.bad/id: invalid backend id; use only letters, digits, '.', '_' and '-'",
                        "backends.bad/id.models: must be a non-empty list of model names");
    }

    private static List<String> validate(String json) {
        return ConfigValidator.validate(new JsonObject(json));
    }

    private static Arguments invalid(String path, String value, String... errors) {
        return Arguments.of(path, value, List.of(errors));
    }

    /** Sets a dotted path in a valid configuration, creating the objects on the way. */
    private static void set(JsonObject config, String path, Object value) {
        String[] keys = path.split("\\.");
        JsonObject parent = config;
        for (int i = 0; i < keys.length - 1; i++) {
            if (!(parent.getValue(keys[i]) instanceof JsonObject)) {
                parent.put(keys[i], new JsonObject());
            }
            parent = parent.getJsonObject(keys[i]);
        }
        parent.put(keys[keys.length - 1], value);
    }
}
