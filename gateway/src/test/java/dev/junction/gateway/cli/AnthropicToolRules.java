package dev.junction.gateway.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the real Messages API refuses about tools with a 400, for {@link FakeAnthropic}: a tool name
 * outside {@code ^[a-zA-Z0-9_-]{1,128}$} or an {@code input_schema} that is not an object schema, a
 * {@code tool_use} not answered by a {@code tool_result} at the start of the next user message, and
 * a {@code tool_result} for no {@code tool_use} of the message before. Pure.
 */
final class AnthropicToolRules {

    private static final Pattern TOOL_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,128}");

    private AnthropicToolRules() {}

    /** The message the real API would give its 400, if it would refuse {@code body}. */
    static Optional<String> violation(JsonObject body) {
        JsonArray tools = body.getJsonArray("tools", new JsonArray());
        for (int i = 0; i < tools.size(); i++) {
            JsonObject tool = tools.getJsonObject(i);
            if (tool.getString("type") == null) {
                if (!TOOL_NAME.matcher(String.valueOf(tool.getValue("name"))).matches()) {
                    return Optional.of("tools." + i + ".custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'");
                }
                if (!(tool.getValue("input_schema") instanceof JsonObject schema) || !"object".equals(schema.getValue("type"))) {
                    return Optional.of("tools." + i + ".custom.input_schema.type: Input should be 'object'");
                }
            }
        }
        JsonArray messages = body.getJsonArray("messages", new JsonArray());
        Set<String> unanswered = new LinkedHashSet<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonObject message = messages.getJsonObject(i);
            List<JsonObject> blocks = blocks(message);
            if ("user".equals(message.getString("role"))) {
                int leading = 0;
                while (leading < blocks.size() && "tool_result".equals(blocks.get(leading).getString("type"))) {
                    if (!unanswered.remove(blocks.get(leading).getString("tool_use_id"))) {
                        return Optional.of("messages." + i + ".content." + leading
                                + ": unexpected `tool_use_id` found in `tool_result` blocks: "
                                + blocks.get(leading).getString("tool_use_id")
                                + ". Each `tool_result` block must have a corresponding `tool_use` block in the previous message.");
                    }
                    leading++;
                }
            }
            if (!unanswered.isEmpty()) {
                return Optional.of("messages." + i + ": `tool_use` ids were found without `tool_result` blocks immediately after: "
                        + String.join(", ", unanswered)
                        + ". Each `tool_use` block must have a corresponding `tool_result` block in the next message.");
            }
            if ("assistant".equals(message.getString("role"))) {
                blocks.stream()
                        .filter(block -> "tool_use".equals(block.getString("type")))
                        .forEach(block -> unanswered.add(block.getString("id")));
            }
        }
        return Optional.empty();
    }

    private static List<JsonObject> blocks(JsonObject message) {
        List<JsonObject> blocks = new ArrayList<>();
        if (message.getValue("content") instanceof JsonArray content) {
            for (int i = 0; i < content.size(); i++) {
                if (content.getValue(i) instanceof JsonObject block) {
                    blocks.add(block);
                }
            }
        }
        return blocks;
    }
}
