package dev.junction.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.models.ReasoningEffort;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import dev.junction.gateway.provider.FakeProvider.Reply;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The reasoning effort an OpenAI client asks for, through the gateway with the official SDK, as
 * each backend's thinking settings: a Responses client's {@code reasoning.effort} is the Anthropic
 * upstream's extended thinking (with {@code max_tokens} above the budget and no temperature), a
 * Chat Completions client's {@code reasoning_effort} is Gemini's thinking budget, and an OpenAI
 * upstream gets {@code reasoning_effort} as the client sent it. Never invented when not asked.
 */
@Timeout(60)
class ReasoningEffortThroughSdksTest extends WithProviderGateway {

    private static ResponseCreateParams.Builder question() {
        return ResponseCreateParams.builder()
                .model("claude-sonnet-4-5")
                .input("Prove that there are infinitely many primes.")
                .maxOutputTokens(1000)
                .temperature(0.3);
    }

    @Test
    void a_responses_clients_reasoning_effort_is_extended_thinking_upstream() {
        providers.anthropicUpstream.reply(Reply.sse(OpenAiClientToAnthropicTest.text("Suppose finitely many...")));

        Response response = providers.openAi().responses().create(question()
                .reasoning(com.openai.models.Reasoning.builder().effort(ReasoningEffort.HIGH).build())
                .build());

        assertThat(response.output().get(0).message().orElseThrow().content().get(0).outputText().orElseThrow().text())
                .isEqualTo("Suppose finitely many...");
        JsonObject upstream = providers.anthropicUpstream.only().json();
        assertThat(upstream.getJsonObject("thinking"))
                .isEqualTo(new JsonObject().put("type", "enabled").put("budget_tokens", 24576));
        assertThat(upstream.getInteger("max_tokens")).as("above the budget, the answer's 1000 kept").isEqualTo(25576);
        assertThat(upstream.fieldNames()).as("thinking refuses a temperature").doesNotContain("temperature");
    }

    @Test
    void no_thinking_is_asked_when_the_client_asked_for_no_reasoning() {
        providers.anthropicUpstream.reply(Reply.sse(OpenAiClientToAnthropicTest.text("Suppose finitely many...")));

        providers.openAi().responses().create(question().build());

        JsonObject upstream = providers.anthropicUpstream.only().json();
        assertThat(upstream.fieldNames()).doesNotContain("thinking");
        assertThat(upstream.getInteger("max_tokens")).isEqualTo(1000);
        assertThat(upstream.getDouble("temperature")).isEqualTo(0.3);
    }

    @Test
    void a_chat_clients_reasoning_effort_is_a_gemini_thinking_budget() {
        providers.geminiUpstream.reply(Reply.sse(BothClientsToGeminiTest.text("No: 221 = 13 × 17.")));

        String answer = providers.openAi().chat().completions().create(ChatCompletionCreateParams.builder()
                        .model("gemini-2.5-flash")
                        .addUserMessage("Is 221 prime?")
                        .reasoningEffort(ReasoningEffort.LOW)
                        .build())
                .choices().get(0).message().content().orElseThrow();

        assertThat(answer).isEqualTo("No: 221 = 13 × 17.");
        assertThat(providers.geminiUpstream.only().json().getJsonObject("generationConfig").getJsonObject("thinkingConfig"))
                .isEqualTo(new JsonObject().put("thinkingBudget", 2048).put("includeThoughts", true));
    }

    @Test
    void an_openai_upstream_gets_reasoning_effort_as_the_client_sent_it() {
        providers.openAiUpstream.reply(Reply.json(200, new JsonObject("""
                {"id": "chatcmpl-e", "object": "chat.completion", "created": 1, "model": "gpt-5",
                 "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": "No."}}],
                 "usage": {"prompt_tokens": 10, "completion_tokens": 2, "total_tokens": 12}}""")));

        providers.openAi().chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-5")
                .addUserMessage("Is 221 prime?")
                .reasoningEffort(ReasoningEffort.MINIMAL)
                .build());

        assertThat(providers.openAiUpstream.only().json().getString("reasoning_effort")).isEqualTo("minimal");
    }
}
