package dev.junction.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvExpanderTest {

    @Test
    void replaces_a_variable_with_its_value() {
        assertThat(expand(Map.of("KEY", "sk-1"), "{\"apiKey\": \"${KEY}\"}"))
                .isEqualTo(new JsonObject().put("apiKey", "sk-1"));
    }

    @Test
    void replaces_several_references_inside_one_string() {
        assertThat(expand(Map.of("HOST", "h", "PORT", "1"), "{\"url\": \"http://${HOST}:${PORT}/v1\"}"))
                .isEqualTo(new JsonObject().put("url", "http://h:1/v1"));
    }

    @Test
    void uses_the_default_when_the_variable_is_unset_or_empty() {
        String json = "{\"a\": \"${UNSET:-x}\", \"b\": \"${EMPTY:-y}\", \"c\": \"${UNSET:-}\"}";

        assertThat(expand(Map.of("EMPTY", ""), json))
                .isEqualTo(new JsonObject().put("a", "x").put("b", "y").put("c", ""));
    }

    @Test
    void prefers_the_value_over_the_default() {
        assertThat(expand(Map.of("URL", "http://local"), "{\"u\": \"${URL:-https://api.openai.com/v1}\"}"))
                .isEqualTo(new JsonObject().put("u", "http://local"));
    }

    @Test
    void expands_inside_nested_objects_and_lists() {
        assertThat(expand(Map.of("V", "v"), "{\"a\": {\"b\": [\"${V}\", {\"c\": \"${V}${V}\"}, 3, true, null]}}"))
                .isEqualTo(new JsonObject("{\"a\": {\"b\": [\"v\", {\"c\": \"vv\"}, 3, true, null]}}"));
    }

    @Test
    void leaves_keys_and_non_strings_alone() {
        assertThat(expand(Map.of("K", "k"), "{\"${K}\": 1, \"n\": 2.5, \"t\": false}"))
                .isEqualTo(new JsonObject().put("${K}", 1).put("n", 2.5).put("t", false));
    }

    @Test
    void reports_an_unset_variable_with_its_path_and_name() {
        EnvExpander expander = new EnvExpander(Map.of());
        expander.expand(new JsonObject("{\"backends\": {\"x\": {\"models\": [\"a\", \"${MODEL}\"]}}}"));

        assertThat(expander.errors())
                .containsExactly("backends.x.models[1]: environment variable MODEL is not set"
                        + " (use ${MODEL:-default} for a default)");
    }

    @Test
    void reports_every_unset_variable() {
        EnvExpander expander = new EnvExpander(Map.of());
        expander.expand(new JsonObject("{\"a\": \"${A}\", \"b\": {\"c\": \"${B}-${C:-c}\"}}"));

        assertThat(expander.errors())
                .containsExactly(
                        "a: environment variable A is not set (use ${A:-default} for a default)",
                        "b.c: environment variable B is not set (use ${B:-default} for a default)");
    }

    @Test
    void reports_malformed_references() {
        EnvExpander expander = new EnvExpander(Map.of());
        expander.expand(new JsonObject("{\"a\": \"${NOT CLOSED\", \"b\": \"${1BAD}\", \"c\": \"${}\"}"));

        assertThat(expander.errors())
                .containsExactly(
                        "a: unterminated variable reference '${NOT CLOSED'",
                        "b: invalid variable reference '${1BAD}'",
                        "c: invalid variable reference '${}'");
    }

    @Test
    void leaves_text_without_references_unchanged() {
        assertThat(expand(Map.of(), "{\"a\": \"$HOME costs $5 {x}\"}"))
                .isEqualTo(new JsonObject().put("a", "$HOME costs $5 {x}"));
    }

    private static JsonObject expand(Map<String, String> env, String json) {
        EnvExpander expander = new EnvExpander(env);
        JsonObject result = expander.expand(new JsonObject(json));
        assertThat(expander.errors()).isEqualTo(List.of());
        return result;
    }
}
