package dev.junction.plugins.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Where the automatic breakpoints go in the cases the golden requests do not show. */
class CacheBreakpointsTest {

    private static JsonObject placed(String body) {
        JsonObject json = new JsonObject(body);
        CacheBreakpoints.place(json);
        return json;
    }

    @Test
    void a_thinking_block_is_passed_over_for_the_block_before_it() {
        JsonObject body = placed("""
                {"messages": [
                  {"role": "user", "content": [{"type": "text", "text": "Go on."}]},
                  {"role": "assistant", "content": [
                    {"type": "text", "text": "Partial"},
                    {"type": "thinking", "thinking": "hm", "signature": "s"}]}]}""");

        JsonObject assistant = body.getJsonArray("messages").getJsonObject(1);
        assertThat(assistant.getJsonArray("content").getJsonObject(0).containsKey("cache_control")).isTrue();
        assertThat(assistant.getJsonArray("content").getJsonObject(1).containsKey("cache_control")).isFalse();
        assertThat(body.getJsonArray("messages").getJsonObject(0).getJsonArray("content").getJsonObject(0)
                .containsKey("cache_control")).as("the user turn before it").isTrue();
    }

    @Test
    void a_cache_control_anywhere_even_inside_a_tool_result_means_the_client_placed_its_own() {
        String body = """
                {"tools": [{"name": "Read", "input_schema": {"type": "object"}}],
                 "messages": [{"role": "user", "content": [
                   {"type": "tool_result", "tool_use_id": "t", "content": [
                     {"type": "text", "text": "x", "cache_control": {"type": "ephemeral"}}]}]}]}""";

        assertThat(placed(body)).isEqualTo(new JsonObject(body));
    }

    @Test
    void two_equal_turns_are_two_breakpoints() {
        JsonObject body = placed("""
                {"messages": [
                  {"role": "user", "content": [{"type": "text", "text": "Again."}]},
                  {"role": "assistant", "content": [{"type": "text", "text": "Done."}]},
                  {"role": "user", "content": [{"type": "text", "text": "Again."}]}]}""");

        assertThat(body.encode().split("cache_control", -1)).hasSize(3);
    }
}
