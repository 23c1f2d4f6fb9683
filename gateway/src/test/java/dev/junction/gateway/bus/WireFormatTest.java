package dev.junction.gateway.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ContentPart;
import dev.junction.plugin.EmbeddingRequest;
import dev.junction.plugin.Embeddings;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.RawRequest;
import dev.junction.plugin.FinishReason;
import dev.junction.plugin.Message;
import dev.junction.plugin.Reasoning;
import dev.junction.plugin.ResponseFormat;
import dev.junction.plugin.Sampling;
import dev.junction.plugin.TokenCount;
import dev.junction.plugin.Tool;
import dev.junction.plugin.ToolChoice;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Round trips through the bus wire form, serialised to text and back as between cluster nodes:
 * local delivery never runs the encoding, so a bug here would otherwise show only in a cluster.
 */
class WireFormatTest {

    static Stream<ChatEvent> everyEvent() {
        return Stream.of(
                new ChatEvent.MessageStart("msg_1", "claude-sonnet-4"),
                new ChatEvent.MessageStart(null, null),
                ChatEvent.BlockStart.text(0),
                ChatEvent.BlockStart.thinking(1),
                ChatEvent.BlockStart.toolCall(2, "call_Ab9", "get_weather"),
                new ChatEvent.BlockStart(3, ChatEvent.BlockKind.REDACTED_THINKING, null, null),
                new ChatEvent.BlockStop(2),
                new ChatEvent.TextDelta(0, "héllo \"wörld\"\n\u2028"),
                new ChatEvent.ToolArgumentsDelta(2, "{\"city\": \"Par"),
                new ChatEvent.ThinkingDelta(1, "hmm", null),
                new ChatEvent.ThinkingDelta(1, null, "sig=="),
                new ChatEvent.Usage(12, 5, 3, 4, 0),
                new ChatEvent.Usage(12, 40, 3, 4, 32),
                new ChatEvent.Finish(FinishReason.STOP_SEQUENCE, "\n\nHuman:"),
                ChatEvent.Finish.of(FinishReason.TOOL_USE),
                new ChatEvent.Failed(ErrorKind.RATE_LIMITED, "slow down", 7),
                ChatEvent.Failed.of(ErrorKind.UNAVAILABLE, "claude: command not found"),
                // a relay's bytes: a read may end inside a character
                new ChatEvent.Relayed(Buffer.buffer(new byte[] {'d', 'a', 't', 'a', ':', ' ', (byte) 0xc3})));
    }

    @ParameterizedTest
    @MethodSource("everyEvent")
    void every_event_survives_the_wire(ChatEvent event) {
        String wire = EventWire.encode(event).encode();
        assertThat(EventWire.decode(new JsonObject(wire))).isEqualTo(event);
        EventBatch alone = new EventBatch(List.of(event));
        assertThat(throughCodec(BusCodecs.EVENT_CODEC, alone)).isEqualTo(alone);
        assertThat(BusCodecs.EVENT_CODEC.transform(alone)).as("local delivery passes the record itself").isSameAs(alone);
    }

    @Test
    void a_batch_of_every_event_survives_the_wire_in_order() {
        EventBatch batch = new EventBatch(everyEvent().toList());

        assertThat(throughCodec(BusCodecs.EVENT_CODEC, batch).events()).containsExactlyElementsOf(batch.events());
    }

    @Test
    void an_empty_batch_is_no_batch() {
        assertThatThrownBy(() -> EventBatch.decode(new JsonObject().put("events", new JsonArray())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventBatch.decode(new JsonObject()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Encodes as for another cluster node, behind bytes already in the buffer, and decodes. */
    private static <T> T throughCodec(MessageCodec<T, T> codec, T value) {
        Buffer buffer = Buffer.buffer("header");
        codec.encodeToWire(buffer, value);
        return codec.decodeFromWire(6, buffer);
    }

    @Test
    void a_usage_from_a_node_that_sends_no_reasoning_tokens_reads_as_zero() {
        JsonObject older = new JsonObject()
                .put("type", "usage").put("input", 12).put("output", 5).put("cacheRead", 3).put("cacheWrite", 4);

        assertThat(EventWire.decode(older)).isEqualTo(new ChatEvent.Usage(12, 5, 3, 4, 0));
    }

    @Test
    void every_error_kind_and_finish_reason_survives_the_wire() {
        for (ErrorKind kind : ErrorKind.values()) {
            ChatEvent event = ChatEvent.Failed.of(kind, "x");
            assertThat(EventWire.decode(new JsonObject(EventWire.encode(event).encode()))).isEqualTo(event);
        }
        for (FinishReason reason : FinishReason.values()) {
            ChatEvent event = ChatEvent.Finish.of(reason);
            assertThat(EventWire.decode(new JsonObject(EventWire.encode(event).encode()))).isEqualTo(event);
        }
    }

    @Test
    void a_request_with_every_field_survives_the_wire() {
        ChatRequest request = ChatRequest.builder("gpt-4o")
                .system(List.of(new ContentPart.Text("Be brief.")))
                .messages(List.of(
                        new Message(Message.Role.USER, List.of(
                        new ContentPart.Text("What is in this picture?"),
                        new ContentPart.Image("image/png", "iVBORw0KGgo=", null),
                        new ContentPart.Image(null, null, "https://example.com/cat.jpg"))),
                        new Message(Message.Role.ASSISTANT, List.of(
                        new ContentPart.Thinking("Let me look.", "sig-abc"),
                        new ContentPart.RedactedThinking("EncryptedBlob=="),
                        new ContentPart.ToolCall("toolu_01", "lookup", "{\"q\":\"cat\"}"))),
                        new Message(Message.Role.USER, List.of(new ContentPart.ToolResult(
                        "toolu_01", List.of(new ContentPart.Text("a cat")), true))),
                        Message.text(Message.Role.SYSTEM, "From now on, answer in French."),
                        new Message(Message.Role.USER, List.of(
                        new ContentPart.Document("application/pdf", "JVBERi0=", null, null, "report.pdf", null),
                        new ContentPart.Document("text/plain", null, "plain words", null, null,
                        new JsonObject().put("citations", new JsonObject().put("enabled", true))),
                        new ContentPart.Document(null, null, null, "https://example.com/a.pdf", null, null)))))
                .tools(List.of(new Tool("lookup", "Looks things up", new JsonObject().put("type", "object"))))
                .toolChoice(new ToolChoice(ToolChoice.Mode.NAMED, "lookup", false))
                .sampling(new Sampling(0.2, 0.9, 40, 256, List.of("END"), 42L))
                .user("user-7")
                .metadata(new JsonObject().put("trace", "t1"))
                .extra(new JsonObject().put("logprobs", true))
                .responseFormat(new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, "answer", new JsonObject().put("type", "object"), true))
                .dialect("anthropic")
                .headers(Map.of("anthropic-beta", "prompt-caching-2024-07-31"))
                .stream(false)
                .reasoning(new Reasoning("high", 2048))
                .build();

        String wire = RequestWire.encode(request).encode();

        assertThat(RequestWire.decode(new JsonObject(wire))).isEqualTo(request);
        ExchangeRequest exchange = new ExchangeRequest("3f2a", request, 128, "node-1");
        assertThat(throughCodec(BusCodecs.REQUEST_CODEC, exchange)).isEqualTo(exchange);
    }

    @Test
    void a_node_announcement_survives_the_wire() {
        NodeAnnouncement announcement = new NodeAnnouncement(
                "node-1", true, Map.of("echo", 2, "codex", 0), Map.of("claude", "'claude' not found on PATH"),
                Map.of("openai", Set.of("openai")));

        assertThat(NodeAnnouncement.decode(new JsonObject(announcement.encode().encode()))).isEqualTo(announcement);
    }

    @Test
    void an_announcement_from_a_node_that_says_nothing_of_relays_relays_nothing() {
        JsonObject older = new NodeAnnouncement("node-1", false, Map.of("echo", 0), Map.of()).encode();
        older.remove("relays");

        assertThat(NodeAnnouncement.decode(older).relays()).isEmpty();
    }

    @Test
    void a_clients_own_request_survives_the_wire_byte_for_byte() {
        String body = "{\"model\": \"gpt-4o\", \"max_tokens\": 3, \"messages\": [{\"content\": \"\u00e9\"}]}";
        RawRequest raw = new RawRequest(
                "openai",
                "gpt-4o-routed",
                Buffer.buffer(body),
                true,
                false,
                Map.of("openai-beta", "assistants=v2"),
                new RawRequest.Span(10, 18),
                Map.of("max_tokens", new RawRequest.Span(20, 32)),
                1);
        ExchangeRequest exchange = new ExchangeRequest("3f2a", null, raw, 128, "node-1");

        ExchangeRequest received = throughCodec(BusCodecs.REQUEST_CODEC, exchange);

        assertThat(received).isEqualTo(exchange);
        assertThat(received.raw().body().getBytes()).isEqualTo(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void the_extra_fields_of_every_part_kind_and_of_tools_survive_the_wire() {
        JsonObject ephemeral = new JsonObject().put("cache_control", new JsonObject().put("type", "ephemeral"));
        ChatRequest request = ChatRequest.builder("claude-sonnet-4-5")
                .system(List.of(new ContentPart.Text("Be brief.", ephemeral.copy().put("citations", (Object) null))))
                .messages(List.of(
                        new Message(Message.Role.USER, List.of(
                        new ContentPart.Text("Look:", new JsonObject().put("citations", new JsonArray().add(
                        new JsonObject().put("type", "char_location").put("start_char_index", 0)))),
                        new ContentPart.Image("image/png", "iVBORw0KGgo=", null, ephemeral.copy()),
                        new ContentPart.Image(null, null, "https://example.com/cat.jpg",
                        new JsonObject().put("detail", "high")))),
                        new Message(Message.Role.ASSISTANT, List.of(
                        new ContentPart.Thinking("Let me look.", "sig-abc", new JsonObject().put("x-note", 1)),
                        new ContentPart.ToolCall("toolu_01", "lookup", "{}",
                        new JsonObject().put("caller", new JsonObject().put("type", "direct"))))),
                        new Message(Message.Role.USER, List.of(new ContentPart.ToolResult(
                        "toolu_01",
                        List.of(new ContentPart.Text("a cat", ephemeral.copy())),
                        false,
                        new JsonObject().put("cache_control",
                        new JsonObject().put("type", "ephemeral").put("ttl", "1h")))))))
                .tools(List.of(
                        new Tool("lookup", "Looks things up", null, ephemeral.copy().put("type", "custom")),
                        new Tool("plain", null, null)))
                .dialect("anthropic")
                .build();

        String wire = RequestWire.encode(request).encode();

        ChatRequest decoded = RequestWire.decode(new JsonObject(wire));
        assertThat(decoded).isEqualTo(request);
        assertThat(decoded.tools().get(1).extra()).isEqualTo(new JsonObject());
        assertThat(new JsonObject(wire).getJsonArray("tools").getJsonObject(1).containsKey("extra"))
                .as("an empty extra is left out")
                .isFalse();
    }

    @Test
    void a_minimal_request_survives_the_wire() {
        ChatRequest request = ChatRequest.builder("echo")
                .messages(List.of(Message.text(Message.Role.USER, "hi")))
                .build();
        assertThat(RequestWire.decode(new JsonObject(RequestWire.encode(request).encode()))).isEqualTo(request);
    }

    @Test
    void an_unknown_event_type_is_rejected() {
        assertThatThrownBy(() -> EventWire.decode(new JsonObject().put("type", "bogus")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void token_counts_survive_the_wire() {
        for (TokenCount count : List.of(new TokenCount(1234, true), new TokenCount(7, false))) {
            assertThat(TokenCountWire.decode(new JsonObject(TokenCountWire.encode(count).encode()))).isEqualTo(count);
        }
    }

    @Test
    void embedding_requests_survive_the_wire() {
        EmbeddingRequest full = new EmbeddingRequest(
                "text-embedding-3-small", List.of("héllo", "wörld\n"), 256, "user-7", new JsonObject().put("x", 1));
        EmbeddingRequest minimal = new EmbeddingRequest("m", List.of("a"), null, null, null);
        for (EmbeddingRequest request : List.of(full, minimal)) {
            String wire = EmbeddingWire.encodeRequest(request).encode();
            assertThat(EmbeddingWire.decodeRequest(new JsonObject(wire))).isEqualTo(request);
        }
    }

    @Test
    void embeddings_survive_the_wire_to_the_last_bit() {
        Embeddings embeddings = new Embeddings(
                "text-embedding-3-small",
                List.of(List.of(0.1, -0.000123456789012345, 1.0, 0.0, 3.4028234663852886E38), List.of(-1.0e-300)),
                17);

        String wire = EmbeddingWire.encode(embeddings).encode();

        assertThat(EmbeddingWire.decode(new JsonObject(wire))).isEqualTo(embeddings);
    }

    @Test
    void a_call_failure_keeps_its_kind_message_and_retry_after() {
        ChatEvent.Failed failed = new ChatEvent.Failed(ErrorKind.RATE_LIMITED, "slow down", 12);
        String wire = EventWire.encode(failed).encode();
        ReplyException reply = new ReplyException(ReplyFailure.RECIPIENT_FAILURE, BackendCalls.FAILURE_CODE, wire);

        assertThat(BackendCalls.failed("b", reply)).isEqualTo(failed);
    }

    @Test
    void bus_failures_of_a_call_become_kinds() {
        assertThat(BackendCalls.failed("b", new ReplyException(ReplyFailure.NO_HANDLERS, "none")).kind())
                .isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(BackendCalls.failed("b", new ReplyException(ReplyFailure.TIMEOUT, "late")).kind())
                .isEqualTo(ErrorKind.TIMEOUT);
        assertThat(BackendCalls.failed("b", new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 400, "bad")).kind())
                .isEqualTo(ErrorKind.INTERNAL);
        assertThat(BackendCalls.failed(
                        "b", new ReplyException(ReplyFailure.RECIPIENT_FAILURE, BackendCalls.FAILURE_CODE, "not json")))
                .satisfies(failed -> {
                    assertThat(failed.kind()).isEqualTo(ErrorKind.INTERNAL);
                    assertThat(failed.message()).contains("'b'");
                });
    }
}
