package dev.junction.gateway.jmh;

import dev.junction.gateway.dialect.ChatDialect;
import dev.junction.gateway.dialect.anthropic.AnthropicDialect;
import dev.junction.gateway.dialect.openai.OpenAiDialect;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.FinishReason;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The inputs of the benchmarks, built the same way every time: a short chat (a system prompt and
 * three turns) and an agent-like request of about 20 KB (a long system prompt, ten tools with
 * schemas, twenty turns of tool calls and results), each as an OpenAI and as an Anthropic body;
 * and one streamed answer of 100 events (text, then a tool call).
 */
final class Payloads {

    /** The request sizes a benchmark can be given. */
    enum Size {
        SHORT,
        AGENT
    }

    /** The dialect named by a benchmark parameter: {@code openai} or {@code anthropic}. */
    static ChatDialect dialect(String name) {
        return switch (name) {
            case "openai" -> new OpenAiDialect();
            case "anthropic" -> new AnthropicDialect();
            default -> throw new IllegalArgumentException("no dialect " + name);
        };
    }

    /** The request body of {@code dialect} and {@code size} ({@code short} or {@code agent}). */
    static JsonObject body(String dialect, String size) {
        Size chosen = Size.valueOf(size.toUpperCase(Locale.ROOT));
        return dialect.equals("openai") ? openAiBody(chosen) : anthropicBody(chosen);
    }

    static final String MODEL = "gpt-4o-mini";

    private static final String[] WORDS = ("the a configuration gateway request stream backend token model answer "
                    + "file test build function value error handler event route schema result context client "
                    + "server cache timeout field message parser encoder decoder module plugin call path line")
            .split(" ");

    private Payloads() {}

    static JsonObject openAiBody(Size size) {
        JsonArray messages = new JsonArray()
                .add(new JsonObject().put("role", "system").put("content", systemPrompt(size)));
        if (size == Size.SHORT) {
            messages.add(user("What does a gateway do with a streamed answer?"))
                    .add(new JsonObject()
                            .put("role", "assistant")
                            .put("content", words(60, 1)))
                    .add(user("And when the client goes away halfway through?"));
            return new JsonObject()
                    .put("model", MODEL)
                    .put("messages", messages)
                    .put("temperature", 0.2)
                    .put("max_tokens", 1024)
                    .put("stream", true)
                    .put("stream_options", new JsonObject().put("include_usage", true));
        }
        messages.add(user(task()));
        for (int turn = 0; turn < 9; turn++) {
            JsonObject call = new JsonObject()
                    .put("id", callId(turn))
                    .put("type", "function")
                    .put("function", new JsonObject()
                            .put("name", TOOL_NAMES[turn % TOOL_NAMES.length])
                            .put("arguments", toolArguments(turn).encode()));
            messages.add(new JsonObject()
                            .put("role", "assistant")
                            .put("content", words(25, turn))
                            .put("tool_calls", new JsonArray().add(call)))
                    .add(new JsonObject()
                            .put("role", "tool")
                            .put("tool_call_id", callId(turn))
                            .put("content", toolOutput(turn)));
        }
        messages.add(new JsonObject().put("role", "assistant").put("content", words(80, 99)))
                .add(user("Good. Now run the whole test suite and fix whatever fails."));
        JsonArray tools = new JsonArray();
        for (int i = 0; i < TOOL_NAMES.length; i++) {
            tools.add(new JsonObject()
                    .put("type", "function")
                    .put("function", new JsonObject()
                            .put("name", TOOL_NAMES[i])
                            .put("description", toolDescription(i))
                            .put("parameters", toolSchema(i))));
        }
        return new JsonObject()
                .put("model", MODEL)
                .put("messages", messages)
                .put("tools", tools)
                .put("tool_choice", "auto")
                .put("parallel_tool_calls", true)
                .put("temperature", 0.0)
                .put("max_completion_tokens", 8192)
                .put("stream", true)
                .put("stream_options", new JsonObject().put("include_usage", true));
    }

    static JsonObject anthropicBody(Size size) {
        JsonArray messages = new JsonArray();
        if (size == Size.SHORT) {
            messages.add(user("What does a gateway do with a streamed answer?"))
                    .add(new JsonObject().put("role", "assistant").put("content", words(60, 1)))
                    .add(user("And when the client goes away halfway through?"));
            return new JsonObject()
                    .put("model", MODEL)
                    .put("max_tokens", 1024)
                    .put("system", systemPrompt(size))
                    .put("messages", messages)
                    .put("temperature", 0.2)
                    .put("stream", true);
        }
        messages.add(new JsonObject()
                .put("role", "user")
                .put("content", new JsonArray().add(text(task()))));
        for (int turn = 0; turn < 9; turn++) {
            JsonArray assistant = new JsonArray()
                    .add(text(words(25, turn)))
                    .add(new JsonObject()
                            .put("type", "tool_use")
                            .put("id", callId(turn))
                            .put("name", TOOL_NAMES[turn % TOOL_NAMES.length])
                            .put("input", toolArguments(turn)));
            JsonArray result = new JsonArray()
                    .add(new JsonObject()
                            .put("type", "tool_result")
                            .put("tool_use_id", callId(turn))
                            .put("content", toolOutput(turn)));
            messages.add(new JsonObject().put("role", "assistant").put("content", assistant))
                    .add(new JsonObject().put("role", "user").put("content", result));
        }
        messages.add(new JsonObject().put("role", "assistant").put("content", new JsonArray().add(text(words(80, 99)))))
                .add(new JsonObject()
                        .put("role", "user")
                        .put("content", new JsonArray()
                                .add(text("Good. Now run the whole test suite and fix whatever fails.")
                                        .put("cache_control", new JsonObject().put("type", "ephemeral")))));
        JsonArray tools = new JsonArray();
        for (int i = 0; i < TOOL_NAMES.length; i++) {
            tools.add(new JsonObject()
                    .put("name", TOOL_NAMES[i])
                    .put("description", toolDescription(i))
                    .put("input_schema", toolSchema(i)));
        }
        JsonArray system = new JsonArray()
                .add(text(systemPrompt(size)).put("cache_control", new JsonObject().put("type", "ephemeral")));
        return new JsonObject()
                .put("model", MODEL)
                .put("max_tokens", 8192)
                .put("system", system)
                .put("messages", messages)
                .put("tools", tools)
                .put("tool_choice", new JsonObject().put("type", "auto"))
                .put("temperature", 0.0)
                .put("metadata", new JsonObject().put("user_id", "user-0001"))
                .put("stream", true);
    }

    /** A typical token-sized delta of a streamed answer. */
    static ChatEvent.TextDelta textDelta() {
        return new ChatEvent.TextDelta(0, " the configuration");
    }

    /**
     * One streamed answer of exactly 100 events: start, usage, a text block of 62 deltas, a tool
     * call whose arguments come in 30 deltas, the final usage and the finish.
     */
    static List<ChatEvent> stream() {
        List<ChatEvent> events = new ArrayList<>(100);
        events.add(new ChatEvent.MessageStart("chatcmpl-9f8e7d6c5b4a39281706f5e4d3c2b1a0", MODEL));
        events.add(ChatEvent.Usage.of(5120, 0));
        events.add(ChatEvent.BlockStart.text(0));
        for (int i = 0; i < 62; i++) {
            events.add(new ChatEvent.TextDelta(0, (i == 0 ? "" : " ") + WORDS[(i * 7) % WORDS.length]
                    + (i % 9 == 8 ? "." : "")));
        }
        events.add(new ChatEvent.BlockStop(0));
        events.add(ChatEvent.BlockStart.toolCall(1, "call_Qm3xZt8rWv1nB5kP", "edit_file"));
        String arguments = toolArguments(3).encode();
        int chunk = (arguments.length() + 29) / 30;
        for (int i = 0; i < 30; i++) {
            int from = Math.min(arguments.length(), i * chunk);
            events.add(new ChatEvent.ToolArgumentsDelta(1, arguments.substring(from, Math.min(arguments.length(), from + chunk))));
        }
        events.add(new ChatEvent.BlockStop(1));
        events.add(new ChatEvent.Usage(5120, 187, 4096, 0, 0));
        events.add(ChatEvent.Finish.of(FinishReason.TOOL_USE));
        if (events.size() != 100) {
            throw new IllegalStateException("the stream has " + events.size() + " events");
        }
        return events;
    }

    private static final String[] TOOL_NAMES = {
        "read_file", "write_file", "edit_file", "bash", "grep", "glob", "list_dir", "web_fetch", "todo_write", "run_tests"
    };

    private static JsonObject user(String content) {
        return new JsonObject().put("role", "user").put("content", content);
    }

    private static JsonObject text(String text) {
        return new JsonObject().put("type", "text").put("text", text);
    }

    private static String callId(int turn) {
        return "call_" + Integer.toString(1_000_003 * (turn + 7), 36) + "Xk2Lm9Pq";
    }

    private static String systemPrompt(Size size) {
        if (size == Size.SHORT) {
            return "You are a concise assistant for engineers. Answer in plain prose; no lists unless asked.";
        }
        StringBuilder prompt = new StringBuilder(
                "You are a coding agent working in the user's repository. Follow these instructions exactly.\n");
        for (int i = 0; i < 16; i++) {
            prompt.append("\n- ").append(words(18, 100 + i)).append('.');
        }
        return prompt.toString();
    }

    private static String task() {
        return "The gateway drops the last event of a stream when the client sends a cancel right after the "
                + "final usage. Find the cause, fix it, and add a test that fails without the fix.";
    }

    private static String toolDescription(int tool) {
        return "Use " + TOOL_NAMES[tool] + " to " + words(30, 200 + tool) + ". " + words(12, 300 + tool) + ".";
    }

    private static JsonObject toolSchema(int tool) {
        JsonObject properties = new JsonObject();
        for (int p = 0; p < 3 + tool % 3; p++) {
            JsonObject property = new JsonObject()
                    .put("type", p == 2 ? "integer" : "string")
                    .put("description", words(10, 400 + tool * 10 + p));
            if (p == 3) {
                property.put("enum", new JsonArray().add("content").add("files_with_matches").add("count"));
            }
            properties.put(WORDS[(tool + p * 5) % WORDS.length] + "_" + p, property);
        }
        return new JsonObject()
                .put("type", "object")
                .put("properties", properties)
                .put("required", new JsonArray().add(properties.fieldNames().iterator().next()))
                .put("additionalProperties", false);
    }

    private static JsonObject toolArguments(int turn) {
        return new JsonObject()
                .put("path", "gateway/src/main/java/dev/junction/gateway/http/StreamAnswer.java")
                .put("old_string", words(12, 500 + turn))
                .put("new_string", words(14, 600 + turn))
                .put("replace_all", false);
    }

    private static String toolOutput(int turn) {
        StringBuilder out = new StringBuilder();
        for (int line = 0; line < 5; line++) {
            out.append(String.format("%4d  ", 40 + line)).append(words(9, 700 + turn * 10 + line)).append('\n');
        }
        return out.toString();
    }

    /** {@code count} words, the same for the same seed. */
    private static String words(int count, int seed) {
        StringBuilder text = new StringBuilder();
        long state = seed * 2_654_435_761L + 1;
        for (int i = 0; i < count; i++) {
            state = state * 6_364_136_223_846_793_005L + 1_442_695_040_888_963_407L;
            if (i > 0) {
                text.append(' ');
            }
            text.append(WORDS[(int) ((state >>> 33) % WORDS.length)]);
        }
        return text.toString();
    }
}
