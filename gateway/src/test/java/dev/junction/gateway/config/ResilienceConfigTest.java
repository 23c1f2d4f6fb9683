package dev.junction.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A backend's timeouts, retries, fallbacks and circuit breaker: validated with paths, bound with defaults. */
class ResilienceConfigTest {

    private static final String TWO_BACKENDS = """
            {"plugins": {"dir": "plugins"},
             "backends": {"primary": {"plugin": "openai", "models": ["gpt-*"]},
                          "echo": {"plugin": "echo", "models": ["echo"]}}}
            """;

    @Test
    void defaults_leave_room_for_slow_clis() {
        BackendConfig echo = bind(new JsonObject(TWO_BACKENDS)).backends().get("echo");

        assertThat(echo.resilience()).isEqualTo(ResilienceConfig.DEFAULTS);
        assertThat(echo.resilience().timeouts()).isEqualTo(new ResilienceConfig.Timeouts(300, 300, 0));
        assertThat(echo.resilience().retries()).isEqualTo(new ResilienceConfig.Retries(1, 250, 4000));
        assertThat(echo.resilience().fallbacks()).isEmpty();
        assertThat(echo.resilience().circuitBreaker()).isEqualTo(new ResilienceConfig.Breaker(5, 30));
    }

    @Test
    void binds_every_key_and_defaults_the_missing_ones() {
        JsonObject root = new JsonObject(TWO_BACKENDS);
        root.getJsonObject("backends").getJsonObject("primary").mergeIn(new JsonObject("""
                {"timeouts": {"firstEventSeconds": 20, "totalSeconds": "600"},
                 "retries": {"attempts": 3, "maxBackoffMillis": 1000},
                 "fallbacks": ["echo/small"],
                 "circuitBreaker": {"resetSeconds": 5}}
                """));

        assertThat(ConfigValidator.validate(root)).isEmpty();
        assertThat(bind(root).backends().get("primary").resilience())
                .isEqualTo(new ResilienceConfig(
                        new ResilienceConfig.Timeouts(20, 300, 600),
                        new ResilienceConfig.Retries(3, 250, 1000),
                        List.of(new ResilienceConfig.Fallback("echo", "small")),
                        new ResilienceConfig.Breaker(5, 5)));
    }

    @Test
    void parses_fallbacks_with_and_without_a_model() {
        assertThat(ResilienceConfig.Fallback.parse("secondary")).isEqualTo(new ResilienceConfig.Fallback("secondary", null));
        assertThat(ResilienceConfig.Fallback.parse("echo/echo")).isEqualTo(new ResilienceConfig.Fallback("echo", "echo"));
        assertThat(ResilienceConfig.Fallback.parse("openai/org/model"))
                .isEqualTo(new ResilienceConfig.Fallback("openai", "org/model"));
    }

    @Test
    void accepts_fallbacks_that_form_a_cycle() {
        JsonObject root = new JsonObject(TWO_BACKENDS);
        root.getJsonObject("backends").getJsonObject("primary").put("fallbacks", List.of("echo"));
        root.getJsonObject("backends").getJsonObject("echo").put("fallbacks", List.of("primary/gpt-4o"));

        assertThat(ConfigValidator.validate(root)).isEmpty();
    }

    static Stream<Arguments> invalidValues() {
        String p = "backends.primary.";
        return Stream.of(
                invalid("timeouts", "30", p + "timeouts: must be an object"),
                invalid("timeouts", "{\"firstEvent\": 1}", p + "timeouts.firstEvent: unknown key"),
                invalid("timeouts", "{\"firstEventSeconds\": -1}",
                        p + "timeouts.firstEventSeconds: must be an integer from 0 (no limit) to 86400"),
                invalid("timeouts", "{\"idleSeconds\": 1.5, \"totalSeconds\": \"long\"}",
                        p + "timeouts.idleSeconds: must be an integer from 0 (no limit) to 86400",
                        p + "timeouts.totalSeconds: must be an integer from 0 (no limit) to 86400"),
                invalid("retries", "{\"attempts\": 11}", p + "retries.attempts: must be an integer from 0 (no retries) to 10"),
                invalid("retries", "{\"initialBackoffMillis\": 0}",
                        p + "retries.initialBackoffMillis: must be an integer from 1 to 600000"),
                invalid("retries", "{\"maxBackoffMillis\": 100}",
                        p + "retries.maxBackoffMillis: must be at least initialBackoffMillis (250)"),
                invalid("retries", "{\"initialBackoffMillis\": 500, \"maxBackoffMillis\": 400}",
                        p + "retries.maxBackoffMillis: must be at least initialBackoffMillis (500)"),
                invalid("fallbacks", "\"echo\"", p + "fallbacks: must be a list of backend ids (or \"<backend-id>/<model>\")"),
                invalid("fallbacks", "[\"nope\"]", p + "fallbacks[0]: no backend 'nope' is configured"),
                invalid("fallbacks", "[\"primary\"]", p + "fallbacks[0]: a backend cannot fall back to itself"),
                invalid("fallbacks", "[\"echo\", \"echo/echo\"]", p + "fallbacks[1]: backend 'echo' is listed twice"),
                invalid("fallbacks", "[\"echo/\", 3, \"\"]",
                        p + "fallbacks[0]: a model must follow the '/' in 'echo/'",
                        p + "fallbacks[1]: must be a backend id or \"<backend-id>/<model>\"",
                        p + "fallbacks[2]: must be a backend id or \"<backend-id>/<model>\""),
                invalid("circuitBreaker", "{\"failures\": -1, \"resetSeconds\": 0, \"halfOpen\": 1}",
                        p + "circuitBreaker.failures: must be an integer from 0 (never opens) to 1000",
                        p + "circuitBreaker.resetSeconds: must be an integer from 1 to 3600",
                        p + "circuitBreaker.halfOpen: unknown key"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("invalidValues")
    void reports_each_problem_with_its_path(String key, String value, List<String> expected) {
        JsonObject root = new JsonObject(TWO_BACKENDS);
        root.getJsonObject("backends").getJsonObject("primary").put(key, Json.decodeValue(value));

        assertThat(ConfigValidator.validate(root)).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static GatewayConfig bind(JsonObject root) {
        return ConfigBinder.bind(root, new ConfigSource(Path.of("/etc/junction/gateway.yaml"), Map.of(), null), "revision");
    }

    private static Arguments invalid(String key, String value, String... errors) {
        return Arguments.of(key, value, List.of(errors));
    }
}
