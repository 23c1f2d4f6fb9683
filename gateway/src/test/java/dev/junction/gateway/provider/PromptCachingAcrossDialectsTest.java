package dev.junction.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.CacheControlEphemeral;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.Usage;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionTool;
import com.openai.models.completions.CompletionUsage;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Prompt caching across translation, measured: two turns of an agent conversation (the second
 * repeats the first and adds to it) through the gateway, with the official SDK as the client and a
 * fake upstream that caches as the real API does ({@link AnthropicPromptCache},
 * {@link OpenAiPromptCache}). The second turn reports cache reads in the client's own usage.
 */
@Timeout(60)
class PromptCachingAcrossDialectsTest extends WithProviderGateway {

    /** An agent's system prompt, long enough for either API to cache (over 1,024 tokens). */
    static final String INSTRUCTIONS = IntStream.rangeClosed(1, 90)
            .mapToObj(rule -> "Rule " + rule + ": keep each edit minimal, run the tests, and explain the change in one line.")
            .collect(Collectors.joining("\n"));

    @Test
    void an_openai_clients_second_turn_reads_the_anthropic_cache_through_the_breakpoints_the_gateway_placed() {
        AnthropicPromptCache cache = new AnthropicPromptCache();
        providers.anthropicUpstream.answerWith(request -> cache.reply(request.json(), "Done."));
        ChatCompletionCreateParams.Builder turn = ChatCompletionCreateParams.builder()
                .model("claude-sonnet-4-5")
                .addSystemMessage(INSTRUCTIONS)
                .addUserMessage("List the files of src.")
                .tools(OpenAiClientToAnthropicTest.TOOLS.stream().map(ChatCompletionTool::ofFunction).toList());

        ChatCompletion first = providers.openAi().chat().completions().create(turn.build());
        CompletionUsage firstUsage = first.usage().orElseThrow();
        assertThat(firstUsage.promptTokensDetails().orElseThrow().cachedTokens()).contains(0L);
        assertThat(firstUsage.promptTokens()).isGreaterThan(AnthropicPromptCache.MIN_CACHEABLE_TOKENS);

        turn.addMessage(first.choices().get(0).message()).addUserMessage("Now read Main.java.");
        ChatCompletionAccumulator second = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream = providers.openAi().chat().completions().createStreaming(turn
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .build())) {
            stream.stream().forEach(second::accumulate);
        }

        CompletionUsage secondUsage = second.chatCompletion().usage().orElseThrow();
        long cached = secondUsage.promptTokensDetails().orElseThrow().cachedTokens().orElseThrow();
        assertThat(cached).as("the first turn's whole prompt is read from the cache").isEqualTo(firstUsage.promptTokens());
        List<FakeProvider.Received> calls = providers.anthropicUpstream.received();
        assertThat(breakpoints(calls.get(0).json())).isEqualTo(3); // last tool, system, the only message
        assertThat(breakpoints(calls.get(1).json())).isEqualTo(4); // and the user turn before the last
    }

    @Test
    void an_anthropic_clients_second_turn_reads_the_openai_cache_because_the_translated_prefix_is_byte_stable() {
        OpenAiPromptCache cache = new OpenAiPromptCache();
        providers.openAiUpstream.answerWith(request -> cache.reply(request.json(), "Done."));
        CacheControlEphemeral breakpoint = CacheControlEphemeral.builder().build();
        // Like Claude Code, the client marks the newest message, so the marker moves every turn.
        MessageCreateParams.Builder firstTurn = agentTurn(breakpoint)
                .addUserMessageOfContentBlockParams(List.of(userText("List the files of src.", breakpoint)));

        Message first = providers.anthropic().messages().create(firstTurn.build());
        assertThat(first.usage().cacheReadInputTokens()).contains(0L);

        MessageCreateParams secondTurn = agentTurn(breakpoint)
                .addUserMessageOfContentBlockParams(List.of(userText("List the files of src.", null)))
                .addMessage(first)
                .addUserMessageOfContentBlockParams(List.of(userText("Now read Main.java.", breakpoint)))
                .build();
        MessageAccumulator second = MessageAccumulator.create();
        try (var stream = providers.anthropic().messages().createStreaming(secondTurn)) {
            stream.stream().forEach(second::accumulate);
        }

        Usage usage = second.message().usage();
        long firstPrompt = first.usage().inputTokens();
        assertThat(firstPrompt).isGreaterThan(OpenAiPromptCache.MIN_CACHED_TOKENS);
        assertThat(usage.cacheReadInputTokens().orElseThrow())
                .as("the first turn's whole prompt, in the upstream's steps of 128 tokens")
                .isGreaterThan(firstPrompt - OpenAiPromptCache.STEP_TOKENS)
                .isLessThanOrEqualTo(firstPrompt);
        List<FakeProvider.Received> calls = providers.openAiUpstream.received();
        String firstMessages = calls.get(0).json().getJsonArray("messages").encode();
        assertThat(calls.get(1).json().getJsonArray("messages").encode())
                .as("the second turn's translation begins with the first's, byte for byte")
                .startsWith(firstMessages.substring(0, firstMessages.length() - 1));
    }

    /** A request with the agent's system prompt (marked for caching) and tools, and no messages yet. */
    private static MessageCreateParams.Builder agentTurn(CacheControlEphemeral breakpoint) {
        return MessageCreateParams.builder()
                .model("gpt-4o")
                .maxTokens(300)
                .systemOfTextBlockParams(List.of(TextBlockParam.builder().text(INSTRUCTIONS).cacheControl(breakpoint).build()))
                .addTool(AnthropicClientToOpenAiTest.tool("get_weather", "Current weather", "city"))
                .addTool(AnthropicClientToOpenAiTest.tool("get_time", null, "tz"));
    }

    private static ContentBlockParam userText(String text, CacheControlEphemeral cacheControl) {
        TextBlockParam.Builder block = TextBlockParam.builder().text(text);
        return ContentBlockParam.ofText(cacheControl == null ? block.build() : block.cacheControl(cacheControl).build());
    }

    private static int breakpoints(JsonObject request) {
        return request.encode().split("\"cache_control\"", -1).length - 1;
    }
}
