package dev.junction.gateway.fuzz;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Every endpoint of the gateway with a valid request for it: both OpenAI bases (Chat Completions
 * and Responses), both Anthropic paths, the model lists, the root, health and metrics. Chat
 * requests go to the echo backend or, through the openai and anthropic plugins, to a mock upstream
 * ({@link #MODELS}).
 */
final class Endpoints {

    /** The chat models of the fuzzing gateway: echo, and a model on each HTTP provider plugin. */
    static final List<String> MODELS = List.of("echo", "echo", "gpt-mock", "claude-mock");

    /** An endpoint: how to make a valid request for it, and whether it takes a JSON body. */
    record Endpoint(String method, String path, Family family, Kind kind) {
        String name() {
            return method + " " + path;
        }
    }

    /** What an endpoint serves, which decides the valid body. */
    enum Kind { OPENAI_CHAT, EMBEDDINGS, ANTHROPIC_CHAT, COUNT_TOKENS, MODELS, MODEL, ROOT, HEALTH, METRICS, RESPONSES }

    static final List<Endpoint> ALL = List.of(
            new Endpoint("POST", "/v1/chat/completions", Family.OPENAI, Kind.OPENAI_CHAT),
            new Endpoint("POST", "/openai/v1/chat/completions", Family.OPENAI, Kind.OPENAI_CHAT),
            new Endpoint("POST", "/v1/embeddings", Family.OPENAI, Kind.EMBEDDINGS),
            new Endpoint("POST", "/openai/v1/embeddings", Family.OPENAI, Kind.EMBEDDINGS),
            new Endpoint("GET", "/v1/models", Family.OPENAI, Kind.MODELS),
            new Endpoint("GET", "/openai/v1/models", Family.OPENAI, Kind.MODELS),
            new Endpoint("GET", "/v1/models/", Family.OPENAI, Kind.MODEL),
            new Endpoint("GET", "/openai/v1/models/", Family.OPENAI, Kind.MODEL),
            new Endpoint("POST", "/v1/messages", Family.ANTHROPIC, Kind.ANTHROPIC_CHAT),
            new Endpoint("POST", "/anthropic/v1/messages", Family.ANTHROPIC, Kind.ANTHROPIC_CHAT),
            new Endpoint("POST", "/v1/messages/count_tokens", Family.ANTHROPIC, Kind.COUNT_TOKENS),
            new Endpoint("POST", "/anthropic/v1/messages/count_tokens", Family.ANTHROPIC, Kind.COUNT_TOKENS),
            new Endpoint("GET", "/anthropic/v1/models", Family.ANTHROPIC, Kind.MODELS),
            new Endpoint("GET", "/anthropic/v1/models/", Family.ANTHROPIC, Kind.MODEL),
            new Endpoint("GET", "/", Family.EITHER, Kind.ROOT),
            new Endpoint("HEAD", "/", Family.EITHER, Kind.ROOT),
            new Endpoint("GET", "/health", Family.EITHER, Kind.HEALTH),
            new Endpoint("GET", "/metrics", Family.EITHER, Kind.METRICS),
            new Endpoint("POST", "/v1/responses", Family.OPENAI, Kind.RESPONSES),
            new Endpoint("POST", "/openai/v1/responses", Family.OPENAI, Kind.RESPONSES));

    private Endpoints() {}

    /** An endpoint, the chat ones more often (they carry the bodies worth mutating). */
    static Endpoint pick(Random random) {
        if (random.nextInt(3) > 0) {
            return ALL.get(random.nextInt(4) < 3
                    ? List.of(0, 1, 8, 9, 18, 19).get(random.nextInt(6))
                    : List.of(2, 3, 10, 11).get(random.nextInt(4)));
        }
        Endpoint endpoint = ALL.get(random.nextInt(ALL.size()));
        // A scrape is the slowest answer; keep it rare.
        return endpoint.kind() == Kind.METRICS && random.nextInt(4) > 0 ? ALL.get(4) : endpoint;
    }

    /** A valid request for {@code endpoint} to the gateway on {@code port}, as an SDK would send it. */
    static HttpMessage valid(Endpoint endpoint, int port, Random random) {
        String path = endpoint.kind() == Kind.MODEL ? endpoint.path() + model(random) : endpoint.path();
        JsonObject body = body(endpoint.kind(), random);
        HttpMessage message = new HttpMessage(endpoint.method(), path,
                body == null ? new byte[0] : body.encode().getBytes(StandardCharsets.UTF_8));
        message.add("Host", "127.0.0.1:" + port);
        message.add("User-Agent", "junction-fuzz");
        if (body != null) {
            message.add("Content-Type", "application/json");
        }
        if (endpoint.family() == Family.ANTHROPIC) {
            message.add("anthropic-version", "2023-06-01");
            message.add("x-api-key", "fuzz-key");
        } else {
            message.add("Authorization", "Bearer fuzz-key");
        }
        if (body != null && Boolean.TRUE.equals(body.getValue("stream"))) {
            message.add("Accept", "text/event-stream");
        }
        return message;
    }

    private static String model(Random random) {
        return MODELS.get(random.nextInt(MODELS.size()));
    }

    private static JsonObject body(Kind kind, Random random) {
        return switch (kind) {
            case OPENAI_CHAT -> openAiChat(random);
            case ANTHROPIC_CHAT -> anthropicChat(random);
            case RESPONSES -> responses(random);
            case EMBEDDINGS -> new JsonObject().put("model", "echo").put("input", random.nextBoolean()
                    ? "the quick brown fox"
                    : new JsonArray().add("first text").add("second text"));
            // The mock upstream has no count_tokens route: echo counts.
            case COUNT_TOKENS -> new JsonObject()
                    .put("model", "echo")
                    .put("messages", new JsonArray().add(user("How many tokens is this?")));
            default -> null;
        };
    }

    private static JsonObject openAiChat(Random random) {
        JsonArray messages = new JsonArray();
        if (random.nextBoolean()) {
            messages.add(new JsonObject().put("role", "system").put("content", "Answer briefly."));
        }
        messages.add(user("Say hello to the fuzzer"));
        if (random.nextInt(4) == 0) {
            messages.add(new JsonObject().put("role", "assistant").put("content", "Hello."))
                    .add(new JsonObject().put("role", "user").put("content", new JsonArray()
                            .add(new JsonObject().put("type", "text").put("text", "And once more"))));
        }
        JsonObject body = new JsonObject().put("model", model(random)).put("messages", messages);
        if (random.nextBoolean()) {
            body.put("stream", true);
        }
        if (random.nextBoolean()) {
            body.put("temperature", 0.5).put("max_tokens", 64).put("top_p", 0.9);
        }
        if (random.nextInt(4) == 0) {
            body.put("tools", new JsonArray().add(new JsonObject().put("type", "function").put("function",
                    new JsonObject().put("name", "lookup").put("parameters", new JsonObject()
                            .put("type", "object")
                            .put("properties", new JsonObject().put("q", new JsonObject().put("type", "string")))))));
        }
        return body;
    }

    private static JsonObject anthropicChat(Random random) {
        JsonArray messages = new JsonArray().add(user("Say hello to the fuzzer"));
        if (random.nextInt(4) == 0) {
            messages.add(new JsonObject().put("role", "assistant").put("content", "Hello."))
                    .add(new JsonObject().put("role", "user").put("content", new JsonArray()
                            .add(new JsonObject().put("type", "text").put("text", "And once more"))));
        }
        JsonObject body = new JsonObject().put("model", model(random)).put("max_tokens", 128).put("messages", messages);
        if (random.nextBoolean()) {
            body.put("system", "Answer briefly.");
        }
        if (random.nextBoolean()) {
            body.put("stream", true);
        }
        if (random.nextBoolean()) {
            body.put("temperature", 0.5).put("top_p", 0.9).put("stop_sequences", new JsonArray().add("END"));
        }
        return body;
    }

    private static JsonObject responses(Random random) {
        JsonObject body = new JsonObject().put("model", model(random));
        if (random.nextBoolean()) {
            body.put("input", "Say hello to the fuzzer");
        } else {
            body.put("input", new JsonArray()
                    .add(new JsonObject().put("role", "developer").put("content", "Answer briefly."))
                    .add(new JsonObject().put("type", "message").put("role", "user").put("content", new JsonArray()
                            .add(new JsonObject().put("type", "input_text").put("text", "Say hello to the fuzzer"))))
                    .add(new JsonObject().put("type", "function_call").put("call_id", "call_1").put("name", "lookup")
                            .put("arguments", "{\"q\":\"x\"}"))
                    .add(new JsonObject().put("type", "function_call_output").put("call_id", "call_1").put("output", "found")));
        }
        if (random.nextBoolean()) {
            body.put("instructions", "Be brief.").put("stream", true);
        }
        if (random.nextBoolean()) {
            body.put("temperature", 0.5).put("max_output_tokens", 64).put("store", false);
        }
        if (random.nextInt(4) == 0) {
            body.put("tools", new JsonArray()
                    .add(new JsonObject().put("type", "function").put("name", "lookup").put("parameters", new JsonObject()
                            .put("type", "object")
                            .put("properties", new JsonObject().put("q", new JsonObject().put("type", "string")))))
                    .add(new JsonObject().put("type", "web_search")));
        }
        return body;
    }

    private static JsonObject user(String text) {
        return new JsonObject().put("role", "user").put("content", text);
    }
}
