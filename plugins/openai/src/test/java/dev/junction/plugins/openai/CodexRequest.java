package dev.junction.plugins.openai;

import static dev.junction.plugins.openai.Requests.assistant;
import static dev.junction.plugins.openai.Requests.text;
import static dev.junction.plugins.openai.Requests.user;

import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ContentPart;
import dev.junction.plugin.Reasoning;
import dev.junction.plugin.Tool;
import dev.junction.plugin.ToolChoice;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A follow-up turn of Codex, {@code golden/requests/responses/codex-pass-through.json}, as the
 * Responses dialect decodes it: leading developer messages as the system parts; the items' ids and
 * statuses, the encrypted reasoning and the freeform {@code apply_patch} call in the parts' extra;
 * the built-in tools and every field the gateway does not type in the request's extra. The
 * fixture is what Codex sends, less what the canonical model does not keep: the ids of message
 * items and items of types the dialect does not know (Codex's {@code additional_tools}).
 */
final class CodexRequest {

    private CodexRequest() {}

    static ChatRequest canonical() {
        JsonObject original = Golden.json("requests/responses/codex-pass-through.json");
        JsonArray input = original.getJsonArray("input");
        JsonArray tools = original.getJsonArray("tools");
        String patch = input.getJsonObject(7).getString("input");
        JsonObject extra = new JsonObject()
                .put("tools", new JsonArray().add(tools.getJsonObject(2)).add(tools.getJsonObject(3)))
                .put("reasoning", new JsonObject().put("context", "all_turns"));
        for (String field : List.of(
                "store", "include", "prompt_cache_key", "text", "client_metadata", "service_tier", "truncation")) {
            extra.put(field, original.getValue(field));
        }
        JsonObject exec = tools.getJsonObject(0);
        JsonObject applyPatch = tools.getJsonObject(1);
        return Requests.builder("gpt-5-codex")
                .system(text(textOf(input, 0)), text(textOf(input, 1)))
                .messages(
                        user(text(textOf(input, 2))),
                        user(text(textOf(input, 3))),
                        assistant(
                                new ContentPart.Thinking(
                                        "",
                                        input.getJsonObject(4).getString("encrypted_content"),
                                        new JsonObject().put("id", input.getJsonObject(4).getString("id"))),
                                new ContentPart.ToolCall(
                                        "call_stub_98fac96f20b4",
                                        "exec_command",
                                        input.getJsonObject(5).getString("arguments"),
                                        new JsonObject()
                                                .put("id", input.getJsonObject(5).getString("id"))
                                                .put("status", "completed"))),
                        user(new ContentPart.ToolResult(
                                "call_stub_98fac96f20b4",
                                List.of(text(input.getJsonObject(6).getString("output"))),
                                false,
                                new JsonObject().put("id", input.getJsonObject(6).getString("id")))),
                        assistant(new ContentPart.ToolCall(
                                "call_Pt7Mz2Kq9Lw4Nx6Rv1Ys8Bd3",
                                "apply_patch",
                                new JsonObject().put("input", patch).encode(),
                                new JsonObject()
                                        .put("type", "custom_tool_call")
                                        .put("id", input.getJsonObject(7).getString("id"))
                                        .put("status", "completed"))),
                        user(new ContentPart.ToolResult(
                                "call_Pt7Mz2Kq9Lw4Nx6Rv1Ys8Bd3",
                                List.of(text(input.getJsonObject(8).getString("output"))),
                                false,
                                new JsonObject().put("type", "custom_tool_call_output"))))
                .tools(
                        new Tool(exec.getString("name"), exec.getString("description"), exec.getJsonObject("parameters"),
                                new JsonObject().put("strict", false)),
                        new Tool(applyPatch.getString("name"), applyPatch.getString("description"), null,
                                new JsonObject().put("type", "custom").put("format", applyPatch.getJsonObject("format"))))
                .toolChoice(new ToolChoice(ToolChoice.Mode.AUTO, null, false))
                .reasoning(new Reasoning("low", null))
                .metadata(original.getJsonObject("metadata"))
                .extra(extra)
                .dialect("responses")
                .build();
    }

    private static String textOf(JsonArray input, int index) {
        return input.getJsonObject(index).getJsonArray("content").getJsonObject(0).getString("text");
    }
}
