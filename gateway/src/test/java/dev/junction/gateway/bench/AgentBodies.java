package dev.junction.gateway.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Request bodies shaped like a coding agent's turn, for the agent phase of the benchmarks
 * ({@code gateway/bench/agent.sh}): a system prompt, one tool, and a long conversation of user
 * requests, assistant answers with tool calls and the tools' results (source-like text with quotes,
 * tabs and new lines to escape), grown until the body holds about 4 bytes per token asked for. The
 * same conversation in each dialect: OpenAI Chat Completions ({@code tool_calls}, {@code tool}
 * messages) and Anthropic Messages ({@code tool_use}, {@code tool_result} blocks); the last message
 * is the user's. The keys come in the order the official Python SDKs send them: the messages before
 * the model and the stream flag, so that nothing can be learnt from the body before reading most
 * of it. Deterministic: the same sizes give the same bytes.
 *
 * <pre>
 * java -cp GATEWAY_TEST_CLASSPATH dev.junction.gateway.bench.AgentBodies --dir DIR [--tokens 1000,10000,100000]
 * </pre>
 *
 * writes {@code openai-<tokens>.json}, {@code anthropic-<tokens>.json} and
 * {@code openai-stream-<tokens>.json} (the OpenAI body with {@code "stream": true}) for each size.
 */
public final class AgentBodies {

    /** Bytes of realistic chat JSON per token. */
    static final int BYTES_PER_TOKEN = 4;

    static final String MODEL = "mock-model";
    private static final String TOOL = "read_file";
    private static final String SYSTEM = "You are a coding agent working in a Java repository. Read files before you"
            + " change them, keep changes small, run the tests you touch, and answer with a short summary of what"
            + " you did and why. Never print secrets. Tools: read_file(path) returns the file's text.";
    private static final String[] WORDS = {
        "request", "handler", "future", "buffer", "stream", "config", "backend", "route", "token", "limit",
        "client", "server", "event", "chunk", "answer", "model", "error", "retry", "timeout", "metric"
    };

    private AgentBodies() {}

    /** One exchange of the conversation: what the user asked, the file the assistant read and what it said. */
    private record Turn(String ask, String path, String file, String answer) {}

    public static void main(String[] args) throws IOException {
        Path dir = null;
        String tokens = "1000,10000,100000";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(args[i + 1]);
                case "--tokens" -> tokens = args[i + 1];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: AgentBodies --dir DIR [--tokens 1000,10000,100000]");
            }
        }
        if (dir == null) {
            throw new IllegalArgumentException("--dir is required");
        }
        Files.createDirectories(dir);
        for (String size : tokens.split(",")) {
            int count = Integer.parseInt(size.trim());
            List<Turn> turns = conversation(count * BYTES_PER_TOKEN);
            Files.writeString(dir.resolve("openai-" + count + ".json"), openAi(turns, false).encode());
            Files.writeString(dir.resolve("openai-stream-" + count + ".json"), openAi(turns, true).encode());
            Files.writeString(dir.resolve("anthropic-" + count + ".json"), anthropic(turns).encode());
        }
    }

    /** Turns whose OpenAI body comes to about {@code bytes}. */
    static List<Turn> conversation(int bytes) {
        Random random = new Random(bytes);
        List<Turn> turns = new ArrayList<>();
        int size = openAi(turns, false).encode().length();
        while (size < bytes) {
            int n = turns.size();
            String path = "src/main/java/dev/example/" + word(random) + "/" + capital(word(random)) + n + ".java";
            // A file of its own length, smaller as the body nears its size so that it ends close to it.
            int lines = Math.max(1, Math.min(60, (bytes - size) / 90));
            Turn turn = new Turn(
                    "Look at " + path + " and tell me why the " + word(random) + " " + word(random)
                            + " is slow; keep the \"" + word(random) + "\" contract.",
                    path,
                    source(random, lines),
                    "The " + word(random) + " in " + path + " allocates a new " + word(random) + " per "
                            + word(random) + "; reusing it keeps the " + word(random) + " path cheap.");
            turns.add(turn);
            size = openAi(turns, false).encode().length();
        }
        return turns;
    }

    static JsonObject openAi(List<Turn> turns, boolean stream) {
        JsonArray messages = new JsonArray().add(new JsonObject().put("role", "system").put("content", SYSTEM));
        for (int i = 0; i < turns.size(); i++) {
            Turn turn = turns.get(i);
            String id = "call_" + i;
            messages.add(new JsonObject().put("role", "user").put("content", turn.ask()))
                    .add(new JsonObject().put("role", "assistant").putNull("content").put("tool_calls", new JsonArray()
                            .add(new JsonObject().put("id", id).put("type", "function").put("function", new JsonObject()
                                    .put("name", TOOL)
                                    .put("arguments", new JsonObject().put("path", turn.path()).encode())))))
                    .add(new JsonObject().put("role", "tool").put("tool_call_id", id).put("content", turn.file()))
                    .add(new JsonObject().put("role", "assistant").put("content", turn.answer()));
        }
        messages.add(new JsonObject().put("role", "user").put("content", "Now fix the slowest of them."));
        JsonObject body = new JsonObject().put("messages", messages).put("model", MODEL).put("max_tokens", 1024);
        if (stream) {
            body.put("stream", true);
        }
        return body.put("tools", new JsonArray().add(new JsonObject().put("type", "function").put("function", new JsonObject()
                .put("name", TOOL)
                .put("description", "Reads a file of the repository.")
                .put("parameters", schema()))));
    }

    static JsonObject anthropic(List<Turn> turns) {
        JsonArray messages = new JsonArray();
        for (int i = 0; i < turns.size(); i++) {
            Turn turn = turns.get(i);
            String id = "toolu_" + i;
            JsonArray ask = new JsonArray();
            if (i > 0) {
                ask.add(new JsonObject().put("type", "text").put("text", turns.get(i - 1).answer()));
            }
            messages.add(new JsonObject().put("role", "user").put("content", ask.add(
                            new JsonObject().put("type", "text").put("text", turn.ask()))))
                    .add(new JsonObject().put("role", "assistant").put("content", new JsonArray()
                            .add(new JsonObject().put("type", "text").put("text", "Reading " + turn.path() + "."))
                            .add(new JsonObject().put("type", "tool_use").put("id", id).put("name", TOOL)
                                    .put("input", new JsonObject().put("path", turn.path())))))
                    .add(new JsonObject().put("role", "user").put("content", new JsonArray()
                            .add(new JsonObject().put("type", "tool_result").put("tool_use_id", id).put("content", turn.file()))))
                    .add(new JsonObject().put("role", "assistant").put("content", turn.answer()));
        }
        messages.add(new JsonObject().put("role", "user").put("content", "Now fix the slowest of them."));
        return new JsonObject()
                .put("max_tokens", 1024)
                .put("messages", messages)
                .put("model", MODEL)
                .put("system", SYSTEM)
                .put("tools", new JsonArray().add(new JsonObject()
                        .put("name", TOOL)
                        .put("description", "Reads a file of the repository.")
                        .put("input_schema", schema())));
    }

    private static JsonObject schema() {
        return new JsonObject()
                .put("type", "object")
                .put("properties", new JsonObject().put("path", new JsonObject().put("type", "string")))
                .put("required", new JsonArray().add("path"));
    }

    /** Java-like source: indented lines with strings in quotes, about 90 bytes of JSON a line. */
    private static String source(Random random, int lines) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            String a = word(random);
            String b = word(random);
            text.append(i % 5 == 0 ? "" : "\t\t")
                    .append("final var ").append(a).append(i).append(" = ").append(b).append("s.get(\"")
                    .append(word(random)).append("\", ").append(random.nextInt(1000)).append("); // ")
                    .append(word(random)).append('\n');
        }
        return text.toString();
    }

    private static String word(Random random) {
        return WORDS[random.nextInt(WORDS.length)];
    }

    private static String capital(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
