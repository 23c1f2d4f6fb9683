package dev.junction.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import dev.junction.gateway.provider.FakeProvider.Received;
import dev.junction.gateway.provider.FakeProvider.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * The official Anthropic SDK sends a system message after the user's, as Claude Code does (its
 * {@code mid-conversation-system} beta), to each plugin: never a 400, and each upstream gets the
 * instruction at that point in its own terms.
 */
class MidConversationSystemTest extends WithProviderGateway {

    private static final String BETA = "claude-code-20250219,mid-conversation-system-2026-04-07";
    private static final String REMINDER = "<system-reminder>\nAnswer in French.\n</system-reminder>";

    private static MessageCreateParams.Builder conversation(String model) {
        return MessageCreateParams.builder()
                .model(model)
                .maxTokens(200)
                .addUserMessage("Say hello.")
                .addSystemMessage("Answer in French.");
    }

    private static String answer(Message message) {
        return message.content().get(0).asText().text();
    }

    @Test
    void echo_answers_the_users_last_message() {
        assertThat(answer(providers.anthropic().messages().create(conversation("echo").build())))
                .isEqualTo("Say hello.");
    }

    @Test
    void openai_gets_a_system_message_at_that_point() {
        providers.openAiUpstream.reply(Reply.json(200, AnthropicClientToOpenAiTest.completion("Bonjour.")));

        Message message = providers.anthropic().messages().create(conversation("gpt-4o")
                .putAdditionalHeader("anthropic-beta", BETA)
                .build());

        assertThat(answer(message)).isEqualTo("Bonjour.");
        Received call = providers.openAiUpstream.only();
        assertThat(call.headers()).doesNotContainKey("anthropic-beta");
        assertThat(call.json().getJsonArray("messages")).isEqualTo(new JsonArray()
                .add(new JsonObject().put("role", "user").put("content", "Say hello."))
                .add(new JsonObject().put("role", "system").put("content", "Answer in French.")));
    }

    @Test
    void anthropic_keeps_it_in_place_under_the_beta_and_forwards_the_beta() {
        providers.anthropicUpstream.reply(Reply.sse(OpenAiClientToAnthropicTest.text("Bonjour.")));

        Message message = providers.anthropic().messages().create(conversation("claude-sonnet-4-5")
                .putAdditionalHeader("anthropic-beta", BETA)
                .build());

        assertThat(answer(message)).isEqualTo("Bonjour.");
        Received call = providers.anthropicUpstream.only();
        assertThat(call.headers()).containsEntry("anthropic-beta", BETA);
        assertThat(call.json().getJsonArray("messages")).isEqualTo(new JsonArray()
                .add(new JsonObject().put("role", "user").put("content", new JsonArray()
                        .add(new JsonObject().put("type", "text").put("text", "Say hello."))))
                .add(new JsonObject().put("role", "system").put("content", "Answer in French.")));
    }

    @Test
    void anthropic_without_the_beta_gets_a_system_reminder_in_the_user_turn() {
        providers.anthropicUpstream.reply(Reply.sse(OpenAiClientToAnthropicTest.text("Bonjour.")));

        Message message = providers.anthropic().messages().create(conversation("claude-sonnet-4-5").build());

        assertThat(answer(message)).isEqualTo("Bonjour.");
        Received call = providers.anthropicUpstream.only();
        assertThat(call.headers()).doesNotContainKey("anthropic-beta");
        assertThat(call.json().getJsonArray("messages")).isEqualTo(new JsonArray()
                .add(new JsonObject().put("role", "user").put("content", new JsonArray()
                        .add(new JsonObject().put("type", "text").put("text", "Say hello."))
                        .add(new JsonObject().put("type", "text").put("text", REMINDER)))));
    }

    @Test
    void gemini_gets_a_marked_text_in_the_user_turn() {
        providers.geminiUpstream.reply(Reply.sse(BothClientsToGeminiTest.text("Bonjour.")));

        Message message = providers.anthropic().messages().create(conversation("gemini-2.5-flash")
                .putAdditionalHeader("anthropic-beta", BETA)
                .build());

        assertThat(answer(message)).isEqualTo("Bonjour.");
        Received call = providers.geminiUpstream.only();
        assertThat(call.headers()).doesNotContainKey("anthropic-beta");
        assertThat(call.json().getJsonArray("contents")).isEqualTo(new JsonArray()
                .add(new JsonObject().put("role", "user").put("parts", new JsonArray()
                        .add(new JsonObject().put("text", "Say hello."))
                        .add(new JsonObject().put("text", REMINDER)))));
    }
}
