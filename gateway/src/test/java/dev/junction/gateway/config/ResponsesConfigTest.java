package dev.junction.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@code responses:} section: its keys validated with their paths, then bound with their defaults. */
class ResponsesConfigTest {

    private static final String BASE = """
            {"plugins": {"dir": "plugins"}, "backends": {"echo": {"plugin": "echo", "models": ["echo"]}}}
            """;
    private static final ConfigSource SOURCE = new ConfigSource(Path.of("/etc/junction/gateway.yaml"), Map.of(), null);

    @Test
    void defaults_to_ten_thousand_responses_64_mib_and_an_hour() {
        assertThat(bind(new JsonObject(BASE))).isEqualTo(ResponsesConfig.DEFAULTS);
        assertThat(bind(new JsonObject(BASE).put("responses", new JsonObject().putNull("store"))))
                .isEqualTo(ResponsesConfig.DEFAULTS);
        assertThat(ResponsesConfig.Store.DEFAULTS)
                .isEqualTo(new ResponsesConfig.Store(10_000, 64L * 1024 * 1024, 3600));
    }

    @Test
    void binds_every_key_including_numbers_written_as_strings() {
        JsonObject tree = new JsonObject(BASE).put("responses", new JsonObject(
                "{\"store\": {\"maxResponses\": 50, \"maxBytes\": \"1048576\", \"ttlSeconds\": 86400}}"));

        assertThat(bind(tree)).isEqualTo(new ResponsesConfig(new ResponsesConfig.Store(50, 1_048_576, 86_400)));
    }

    @Test
    void a_changed_store_needs_a_restart() {
        GatewayConfig started = ConfigBinder.bind(new JsonObject(BASE), SOURCE, "a");
        GatewayConfig next = ConfigBinder.bind(new JsonObject(BASE).put("responses", new JsonObject(
                "{\"store\": {\"ttlSeconds\": 60}}")), SOURCE, "b");

        assertThat(ConfigDiff.needingRestart(started, next)).containsExactly("responses");
    }

    static Stream<Arguments> invalidSections() {
        return Stream.of(
                invalid("[]", "responses: must be an object"),
                invalid("{\"stor\": {}}", "responses.stor: unknown key"),
                invalid("{\"store\": 5}", "responses.store: must be an object"),
                invalid("{\"store\": {\"ttl\": \"1h\"}}", "responses.store.ttl: unknown key"),
                invalid("{\"store\": {\"maxResponses\": 0, \"maxBytes\": -1, \"ttlSeconds\": \"1h\"}}",
                        "responses.store.maxResponses: must be an integer from 1 to 10000000",
                        "responses.store.maxBytes: must be an integer from 1 to 1099511627776",
                        "responses.store.ttlSeconds: must be an integer from 1 to 2592000"));
    }

    @ParameterizedTest
    @MethodSource("invalidSections")
    void reports_each_bad_key_with_its_path(String responses, List<String> errors) {
        JsonObject config = new JsonObject(BASE).put("responses", new JsonObject("{\"r\": " + responses + "}").getValue("r"));

        assertThat(ConfigValidator.validate(config)).containsExactlyInAnyOrderElementsOf(errors);
    }

    private static Arguments invalid(String responses, String... errors) {
        return Arguments.of(responses, List.of(errors));
    }

    private static ResponsesConfig bind(JsonObject tree) {
        assertThat(ConfigValidator.validate(tree)).isEmpty();
        return ConfigBinder.bind(tree, SOURCE, "rev").responses();
    }
}
