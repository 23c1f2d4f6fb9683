package dev.junction.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.route.ModelRouter.Route;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ModelRouterTest {

    private final ModelRouter router = new ModelRouter(config());

    private static Map<String, List<String>> config() {
        Map<String, List<String>> backends = new LinkedHashMap<>();
        backends.put("echo", List.of("echo"));
        backends.put("claude", List.of("claude", "claude-sonnet-4"));
        backends.put("openai", List.of("gpt-*", "o?-mini", "claude-special"));
        backends.put("catchall", List.of("*"));
        return backends;
    }

    @ParameterizedTest(name = "{0} -> {1}/{2} by {3}")
    @CsvSource({
        "echo,            echo,     echo,            echo",
        "claude-sonnet-4, claude,   claude-sonnet-4, claude-sonnet-4",
        "gpt-4o,          openai,   gpt-4o,          gpt-*",
        "o3-mini,         openai,   o3-mini,         o?-mini",
        "claude-special,  openai,   claude-special,  claude-special",
        "echo/anything,   echo,     anything,        echo/*",
        "openai/gpt-5,    openai,   gpt-5,           openai/*",
        "openai/a/b,      openai,   a/b,             openai/*",
        "unknown/x,       catchall, unknown/x,       *",
        "whatever,        catchall, whatever,        *",
    })
    void routes_models_by_exact_prefix_then_glob(String model, String backend, String passedOn, String pattern) {
        assertThat(router.route(model)).contains(new Route(backend, passedOn, pattern));
    }

    @Test
    void exact_entries_win_over_an_earlier_glob() {
        Map<String, List<String>> backends = new LinkedHashMap<>();
        backends.put("a", List.of("gpt-*"));
        backends.put("b", List.of("gpt-4"));
        ModelRouter globFirst = new ModelRouter(backends);
        assertThat(globFirst.route("gpt-4")).contains(new Route("b", "gpt-4", "gpt-4"));
    }

    @Test
    void unknown_model_has_no_route() {
        ModelRouter small = new ModelRouter(Map.of("echo", List.of("echo")));
        assertThat(small.route("gpt-4")).isEqualTo(Optional.empty());
        assertThat(small.route("echo/")).isEmpty();
        assertThat(small.route("/echo")).isEmpty();
    }

    @Test
    void lists_exact_models_in_configuration_order() {
        assertThat(router.exactModels()).containsExactly("echo", "claude", "claude-sonnet-4", "claude-special");
        assertThat(router.globMatches("openai", "gpt-4.1")).isTrue();
        assertThat(router.globMatches("openai", "claude")).isFalse();
    }

    @Test
    void glob_metacharacters_of_regex_are_literal() {
        ModelRouter dotted = new ModelRouter(Map.of("x", List.of("a.b*")));
        assertThat(dotted.route("a.bc")).isPresent();
        assertThat(dotted.route("aXbc")).isEmpty();
    }
}
