package dev.junction.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The fake Anthropic API refuses what the real one refuses about tools, and nothing else. */
class AnthropicToolRulesTest {

    private static final String TOOLS = "\"tools\":[{\"name\":\"multi_agent_v1__spawn\",\"input_schema\":{\"type\":\"object\"}}]";
    private static final String CALL =
            "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"On it.\"},{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"x\",\"input\":{}}]}";

    @Test
    void accepts_a_tool_result_at_the_start_of_the_next_user_message() {
        assertThat(AnthropicToolRules.violation(body(TOOLS, CALL,
                "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\",\"content\":\"ok\"},"
                        + "{\"type\":\"text\",\"text\":\"go on\"}]}")))
                .isEmpty();
    }

    @Test
    void refuses_a_tool_use_whose_result_does_not_follow_at_once() {
        assertThat(AnthropicToolRules.violation(body(TOOLS, CALL,
                "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hm\"},"
                        + "{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\",\"content\":\"ok\"}]}")))
                .hasValueSatisfying(message -> assertThat(message).contains("without `tool_result`", "toolu_1"));
    }

    @Test
    void refuses_a_tool_result_for_no_tool_use() {
        assertThat(AnthropicToolRules.violation(body(TOOLS,
                "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_9\",\"content\":\"ok\"}]}")))
                .hasValueSatisfying(message -> assertThat(message).contains("unexpected `tool_use_id`", "toolu_9"));
    }

    @Test
    void refuses_a_tool_name_the_api_does_not_allow() {
        assertThat(AnthropicToolRules.violation(body(
                "\"tools\":[{\"name\":\"multi_agent.spawn\",\"input_schema\":{\"type\":\"object\"}}]",
                "{\"role\":\"user\",\"content\":\"hi\"}")))
                .hasValueSatisfying(message -> assertThat(message).startsWith("tools.0.custom.name"));
    }

    private static JsonObject body(String tools, String... messages) {
        return new JsonObject("{" + tools + ",\"messages\":[" + String.join(",", messages) + "]}");
    }
}
