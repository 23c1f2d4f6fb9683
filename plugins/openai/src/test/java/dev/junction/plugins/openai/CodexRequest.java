package dev.junction.plugins.openai;

import static dev.junction.plugins.openai.Requests.assistant;
import static dev.junction.plugins.openai.Requests.text;
import static dev.junction.plugins.openai.Requests.user;

import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ContentPart;
import dev.junction.plugin.Reasoning;
import dev.junction.plugin.Tool;
import dev.junction.plugin.ToolChoice;
import dev.junction.plugin.testkit.Golden;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A follow-up turn of Codex, {@code golden/requests/responses/codex-pass-through.json}, as the
 * Responses dialect decodes it (branch wt-responses, {@code ResponsesItems} and
 * {@code ResponsesToolDecoder}): leading developer messages are the system parts; each item's
 * fields beyond those the canonical part models ({@code type}, {@code id}, {@code status},
 * {@code namespace}, a reasoning item's {@code summary}) are the part's extra; a freeform call's
 * arguments are {@code {"input": "..."}}; a tool of a namespace is named
 * {@code <namespace>__<name>}; built-in tools and namespaces, the {@code additional_tools} items
 * and every field the gateway does not type are in the request's extra. The fixture is what Codex
 * sends less the ids of its items, which are the gateway's own and never go upstream; the parts
 * carry the ids Codex sent, so the test shows they are left out.
 */
final class CodexRequest {

    private CodexRequest() {}

    static ChatRequest canonical() {
        JsonObject original = Golden.json("requests/responses/codex-pass-through.json");
        JsonArray input = original.getJsonArray("input");
        JsonArray tools = original.getJsonArray("tools");
        JsonObject extra = new JsonObject()
                .put("tools", new JsonArray().add(tools.getJsonObject(2)).add(tools.getJsonObject(3)))
                .put("additional_tools", new JsonArray().add(input.getJsonObject(0)))
                .put("reasoning", new JsonObject().put("context", "all_turns"));
        for (String field : List.of(
                "store", "include", "prompt_cache_key", "text", "client_metadata", "service_tier", "truncation")) {
            extra.put(field, original.getValue(field));
        }
        JsonObject reasoning = input.getJsonObject(5);
        JsonObject exec = tools.getJsonObject(0);
        JsonObject applyPatch = tools.getJsonObject(1);
        JsonObject listResources = tools.getJsonObject(3).getJsonArray("tools").getJsonObject(0);
        return Requests.builder("gpt-5-codex")
                .system(text(textOf(input, 1)), text(textOf(input, 2)))
                .messages(
                        user(text(textOf(input, 3))),
                        user(text(textOf(input, 4))),
                        assistant(
                                new ContentPart.Thinking(
                                        "",
                                        reasoning.getString("encrypted_content"),
                                        others(reasoning, "encrypted_content").put("id", "rs_0c1d2e3f40516273")),
                                call(input.getJsonObject(6), "exec_command", null)),
                        user(result(input.getJsonObject(7))),
                        assistant(call(input.getJsonObject(8), "functions__list_mcp_resources", null)),
                        user(result(input.getJsonObject(9))),
                        assistant(call(input.getJsonObject(10), "apply_patch", input.getJsonObject(10).getString("input"))),
                        user(result(input.getJsonObject(11))))
                .tools(
                        new Tool(exec.getString("name"), exec.getString("description"), exec.getJsonObject("parameters"),
                                others(exec, "name", "description", "parameters", "type")),
                        new Tool(applyPatch.getString("name"), applyPatch.getString("description"), customSchema(),
                                others(applyPatch, "name", "description")),
                        new Tool("functions__list_mcp_resources", listResources.getString("description"),
                                listResources.getJsonObject("parameters"),
                                others(listResources, "name", "description", "parameters", "type").put("namespace", "functions")),
                        new Tool("code__exec", "Run JavaScript code to orchestrate tool calls.", customSchema(),
                                new JsonObject()
                                        .put("type", "custom")
                                        .put("format", new JsonObject().put("type", "text"))
                                        .put("namespace", "code")
                                        .put("additional_tools", true)))
                .toolChoice(new ToolChoice(ToolChoice.Mode.AUTO, null, false))
                .reasoning(new Reasoning("low", null))
                .metadata(original.getJsonObject("metadata"))
                .extra(extra)
                .dialect("responses")
                .build();
    }

    /** A function call, or a freeform one when {@code input} is set, with the id the gateway gave it. */
    private static ContentPart.ToolCall call(JsonObject item, String name, String input) {
        JsonObject extra = input == null
                ? others(item, "call_id", "name", "arguments")
                : others(item, "call_id", "name", "input");
        extra.put("id", "fc_junction_" + item.getString("call_id"));
        String arguments = input == null ? item.getString("arguments") : new JsonObject().put("input", input).encode();
        return new ContentPart.ToolCall(item.getString("call_id"), name, arguments, extra);
    }

    private static ContentPart.ToolResult result(JsonObject item) {
        return new ContentPart.ToolResult(
                item.getString("call_id"),
                List.of(text(item.getString("output"))),
                false,
                others(item, "call_id", "output").put("id", "fco_junction_" + item.getString("call_id")));
    }

    /** The schema the dialect gives a freeform tool: one string argument, {@code input}. */
    private static JsonObject customSchema() {
        return new JsonObject()
                .put("type", "object")
                .put("properties", new JsonObject().put("input", new JsonObject().put("type", "string")))
                .put("required", new JsonArray().add("input"));
    }

    /** {@code item} without the fields the canonical part models. */
    private static JsonObject others(JsonObject item, String... modelled) {
        JsonObject others = item.copy();
        for (String field : modelled) {
            others.remove(field);
        }
        return others;
    }

    private static String textOf(JsonArray input, int index) {
        return input.getJsonObject(index).getJsonArray("content").getJsonObject(0).getString("text");
    }
}
