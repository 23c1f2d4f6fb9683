package dev.junction.gateway.bench;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The mock upstream's answers, encoded once per (API, streaming, chunk count) and then written as
 * they are: direct buffers that Netty sends without copying, as often as needed. The content is
 * {@code chunks} times the word {@code " word"}; usage is 12 prompt tokens and {@code chunks}
 * completion tokens.
 *
 * <p>Thread-safe: the cache is concurrent and the buffers are never modified after creation.
 */
final class MockReplies {

    /** The two APIs the mock speaks. */
    enum Api {
        OPENAI,
        ANTHROPIC
    }

    /**
     * One encoded answer. A JSON answer has only {@code whole}. A stream has {@code whole} (every
     * frame in one buffer, for an unpaced stream) and its frames: {@code head} (before the content),
     * one buffer per content chunk, and {@code tail} (after the last chunk).
     */
    record Reply(Buffer whole, Buffer head, Buffer[] content, Buffer tail) {}

    private record Key(Api api, boolean stream, int chunks) {}

    static final String WORD = " word";
    static final int PROMPT_TOKENS = 12;
    private static final String ID = "mock-0001";
    private static final String MODEL = "mock-model";
    private static final long CREATED = 1_700_000_000L;
    private static final int MAX_CACHED = 256;

    private final Map<Key, Reply> cache = new ConcurrentHashMap<>();

    Reply reply(Api api, boolean stream, int chunks) {
        Key key = new Key(api, stream, chunks);
        Reply reply = cache.get(key);
        if (reply == null) {
            reply = encode(key);
            if (cache.size() < MAX_CACHED) {
                cache.putIfAbsent(key, reply);
            }
        }
        return reply;
    }

    /** {@code GET /v1/models}: one model. */
    static Buffer models() {
        return direct(new JsonObject()
                .put("object", "list")
                .put("data", new JsonArray().add(new JsonObject()
                        .put("id", MODEL)
                        .put("object", "model")
                        .put("created", CREATED)
                        .put("owned_by", "mock")))
                .encode());
    }

    private static Reply encode(Key key) {
        String text = WORD.repeat(key.chunks());
        if (!key.stream()) {
            String body = key.api() == Api.OPENAI ? openAiJson(text, key.chunks()) : anthropicJson(text, key.chunks());
            return new Reply(direct(body), null, new Buffer[0], null);
        }
        String head;
        String chunk;
        String tail;
        if (key.api() == Api.OPENAI) {
            head = data(openAiChunk(new JsonObject().put("role", "assistant").put("content", ""), null));
            chunk = data(openAiChunk(new JsonObject().put("content", WORD), null));
            tail = data(openAiChunk(new JsonObject(), "stop"))
                    + data(openAiBase().put("choices", new JsonArray()).put("usage", openAiUsage(key.chunks())))
                    + "data: [DONE]\n\n";
        } else {
            head = event("message_start", new JsonObject().put("type", "message_start").put("message", anthropicMessage()
                            .put("content", new JsonArray())
                            .putNull("stop_reason")
                            .putNull("stop_sequence")
                            .put("usage", anthropicUsage(1))))
                    + event("content_block_start", new JsonObject()
                            .put("type", "content_block_start")
                            .put("index", 0)
                            .put("content_block", new JsonObject().put("type", "text").put("text", "")))
                    + event("ping", new JsonObject().put("type", "ping"));
            chunk = event("content_block_delta", new JsonObject()
                    .put("type", "content_block_delta")
                    .put("index", 0)
                    .put("delta", new JsonObject().put("type", "text_delta").put("text", WORD)));
            tail = event("content_block_stop", new JsonObject().put("type", "content_block_stop").put("index", 0))
                    + event("message_delta", new JsonObject()
                            .put("type", "message_delta")
                            .put("delta", new JsonObject().put("stop_reason", "end_turn").putNull("stop_sequence"))
                            .put("usage", new JsonObject().put("output_tokens", key.chunks())))
                    + event("message_stop", new JsonObject().put("type", "message_stop"));
        }
        Buffer chunkBuffer = direct(chunk);
        Buffer[] content = new Buffer[key.chunks()];
        List<String> frames = new ArrayList<>(key.chunks() + 2);
        frames.add(head);
        for (int i = 0; i < content.length; i++) {
            content[i] = chunkBuffer;
            frames.add(chunk);
        }
        frames.add(tail);
        return new Reply(direct(String.join("", frames)), direct(head), content, direct(tail));
    }

    private static String openAiJson(String text, int chunks) {
        return openAiBase()
                .put("object", "chat.completion")
                .put("choices", new JsonArray().add(new JsonObject()
                        .put("index", 0)
                        .put("message", new JsonObject().put("role", "assistant").put("content", text))
                        .putNull("logprobs")
                        .put("finish_reason", "stop")))
                .put("usage", openAiUsage(chunks))
                .encode();
    }

    private static JsonObject openAiChunk(JsonObject delta, String finishReason) {
        JsonObject choice = new JsonObject().put("index", 0).put("delta", delta).putNull("logprobs");
        choice.put("finish_reason", finishReason);
        return openAiBase().put("choices", new JsonArray().add(choice));
    }

    private static JsonObject openAiBase() {
        return new JsonObject()
                .put("id", "chatcmpl-" + ID)
                .put("object", "chat.completion.chunk")
                .put("created", CREATED)
                .put("model", MODEL);
    }

    private static JsonObject openAiUsage(int chunks) {
        return new JsonObject()
                .put("prompt_tokens", PROMPT_TOKENS)
                .put("completion_tokens", chunks)
                .put("total_tokens", PROMPT_TOKENS + chunks);
    }

    private static String anthropicJson(String text, int chunks) {
        return anthropicMessage()
                .put("content", new JsonArray().add(new JsonObject().put("type", "text").put("text", text)))
                .put("stop_reason", "end_turn")
                .putNull("stop_sequence")
                .put("usage", anthropicUsage(chunks))
                .encode();
    }

    private static JsonObject anthropicMessage() {
        return new JsonObject()
                .put("id", "msg_" + ID)
                .put("type", "message")
                .put("role", "assistant")
                .put("model", MODEL);
    }

    private static JsonObject anthropicUsage(int output) {
        return new JsonObject()
                .put("input_tokens", PROMPT_TOKENS)
                .put("cache_creation_input_tokens", 0)
                .put("cache_read_input_tokens", 0)
                .put("output_tokens", output);
    }

    private static String data(JsonObject data) {
        return "data: " + data.encode() + "\n\n";
    }

    private static String event(String name, JsonObject data) {
        return "event: " + name + "\ndata: " + data.encode() + "\n\n";
    }

    /** A direct buffer that every write may send again: Vert.x wraps its slices as unreleasable. */
    static Buffer direct(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return BufferInternal.buffer(Unpooled.directBuffer(bytes.length).writeBytes(bytes));
    }
}
