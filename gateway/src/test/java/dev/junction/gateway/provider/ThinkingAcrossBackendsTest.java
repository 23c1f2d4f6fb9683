package dev.junction.gateway.provider;

import static dev.junction.gateway.provider.Sse.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import dev.junction.gateway.provider.FakeProvider.Reply;
import dev.junction.gateway.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thinking signatures across turns, with two Anthropic backends behind the gateway: {@code a}
 * (model {@code claude-a}, falling back to {@code b}) and {@code b} (model {@code claude-b}). The
 * signature that {@code a} made goes back to {@code a}, but never to {@code b}, whether the client
 * switched models or {@code a} failed and {@code b} took over: another model's signature is a 400
 * from the Messages API.
 */
@Timeout(60)
class ThinkingAcrossBackendsTest {

    private static final String SIGNATURE = "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds";
    private static final String AS_IS = "    retries: {attempts: 0}\n    circuitBreaker: {failures: 0}\n";

    private static final FakeProvider upstreamA = FakeProvider.start();
    private static final FakeProvider upstreamB = FakeProvider.start();
    private static TestGateway gateway;
    private static AnthropicClient client;

    @BeforeAll
    static void start(@TempDir Path dir) {
        gateway = TestGateway.start(dir, backend("a", upstreamA) + "    fallbacks: [b]\n" + backend("b", upstreamB));
        client = gateway.anthropic("client-key");
    }

    private static String backend(String id, FakeProvider upstream) {
        return "  " + id + ":\n    plugin: anthropic\n    models: [claude-" + id + "]\n"
                + "    options: {baseUrl: \"" + upstream.baseUrl() + "\", apiKey: sk-ant-test}\n" + AS_IS;
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstreamA.close();
        upstreamB.close();
    }

    @BeforeEach
    void reset() {
        upstreamA.reset();
        upstreamB.reset();
    }

    /** A streamed answer with a signed thinking block, then text. */
    private static List<String> thinkingThen(String text) {
        return List.of(
                event("message_start", """
                    {"type":"message_start","message":{"id":"msg_01","type":"message","role":"assistant",
                     "model":"claude-sonnet-4-5-20250929","content":[],"stop_reason":null,"stop_sequence":null,
                     "usage":{"input_tokens":40,"output_tokens":1}}}"""),
                event("content_block_start", """
                    {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}"""),
                event("content_block_delta", """
                    {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"9.9 = 9.90 > 9.11."}}"""),
                event("content_block_delta", new JsonObject().put("type", "content_block_delta").put("index", 0)
                        .put("delta", new JsonObject().put("type", "signature_delta").put("signature", SIGNATURE)).encode()),
                event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"),
                event("content_block_start", "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"),
                event("content_block_delta", new JsonObject().put("type", "content_block_delta").put("index", 1)
                        .put("delta", new JsonObject().put("type", "text_delta").put("text", text)).encode()),
                event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":1}"),
                event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":30}}"),
                event("message_stop", "{\"type\":\"message_stop\"}"));
    }

    private static MessageCreateParams.Builder firstTurn(String model) {
        return MessageCreateParams.builder().model(model).maxTokens(2000).addUserMessage("Is 9.11 bigger than 9.9?");
    }

    /** The conversation after {@code answer}, asking {@code model}. */
    private static MessageCreateParams secondTurn(String model, Message answer) {
        return firstTurn(model).addMessage(answer).addUserMessage("Why?").build();
    }

    /** The assistant turn the upstream received. */
    private static JsonObject assistantTurn(FakeProvider upstream) {
        JsonArray messages = upstream.only().json().getJsonArray("messages");
        return messages.getJsonObject(1);
    }

    private static Message answerFromA() {
        upstreamA.reply(Reply.sse(thinkingThen("No: 9.9 is bigger.")));
        Message answer = client.messages().create(firstTurn("claude-a").build());
        assertThat(answer.content().get(0).asThinking().signature()).isEqualTo(SIGNATURE);
        upstreamA.reset();
        return answer;
    }

    @Test
    void the_signature_goes_back_to_the_backend_and_model_that_made_it() {
        Message answer = answerFromA();
        upstreamA.reply(Reply.sse(OpenAiClientToAnthropicTest.text("Because 0.90 > 0.11.")));

        client.messages().create(secondTurn("claude-a", answer));

        assertThat(assistantTurn(upstreamA).getJsonArray("content").getJsonObject(0))
                .isEqualTo(new JsonObject()
                        .put("type", "thinking")
                        .put("thinking", "9.9 = 9.90 > 9.11.")
                        .put("signature", SIGNATURE));
    }

    @Test
    void a_switch_to_another_backend_drops_the_signed_thinking() {
        Message answer = answerFromA();
        upstreamB.reply(Reply.sse(OpenAiClientToAnthropicTest.text("Because 0.90 > 0.11.")));

        client.messages().create(secondTurn("claude-b", answer));

        assertThat(assistantTurn(upstreamB)).isEqualTo(new JsonObject("""
                {"role": "assistant", "content": [{"type": "text", "text": "No: 9.9 is bigger."}]}"""));
        assertThat(upstreamB.only().body()).doesNotContain(SIGNATURE);
    }

    @Test
    void a_fallback_to_another_backend_drops_the_signed_thinking() {
        Message answer = answerFromA();
        upstreamA.reply(Reply.json(529, new JsonObject("""
                {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}""")));
        upstreamB.reply(Reply.sse(OpenAiClientToAnthropicTest.text("Because 0.90 > 0.11.")));

        Message second = client.messages().create(secondTurn("claude-a", answer));

        assertThat(second.content().get(0).asText().text()).isEqualTo("Because 0.90 > 0.11.");
        assertThat(upstreamA.only().body()).as("a still got its own signature").contains(SIGNATURE);
        assertThat(upstreamB.only().body()).doesNotContain(SIGNATURE).doesNotContain("thinking");
    }
}
