package dev.junction.gateway.provider;

import static dev.junction.gateway.provider.Sse.chunk;
import static dev.junction.gateway.provider.Sse.data;
import static org.assertj.core.api.Assertions.assertThat;

import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponseUsage;
import dev.junction.gateway.provider.FakeProvider.Reply;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The reasoning tokens an upstream reports reach the official SDK's clients through the gateway:
 * a Responses client reads them from an OpenAI Chat Completions upstream
 * ({@code completion_tokens_details.reasoning_tokens}) as {@code output_tokens_details}, whole and
 * in {@code response.completed}; a Chat Completions client reads Gemini's
 * {@code thoughtsTokenCount}, which Gemini counts outside its output, inside
 * {@code completion_tokens} and as {@code completion_tokens_details.reasoning_tokens}.
 */
@Timeout(60)
class ReasoningTokensThroughSdksTest extends WithProviderGateway {

    private static final String CHAT_USAGE = """
            {"prompt_tokens": 10, "completion_tokens": 90, "total_tokens": 100,
             "completion_tokens_details": {"reasoning_tokens": 84}}""";

    private static final String GEMINI_ANSWER = """
            {"candidates": [{"content": {"parts": [{"text": "42"}], "role": "model"}, "finishReason": "STOP", "index": 0}],
             "usageMetadata": {"promptTokenCount": 12, "candidatesTokenCount": 3, "thoughtsTokenCount": 250, "totalTokenCount": 265},
             "modelVersion": "gemini-2.5-flash", "responseId": "gEmInIrEaSoN"}""";

    private static ResponseCreateParams question() {
        return ResponseCreateParams.builder().model("gpt-5").input("What is six times seven?").build();
    }

    @Test
    void a_responses_client_reads_the_reasoning_tokens_of_a_chat_completions_upstream() {
        providers.openAiUpstream.reply(Reply.json(200, new JsonObject("""
                {"id": "chatcmpl-r", "object": "chat.completion", "created": 1, "model": "gpt-5",
                 "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": "42"}}],
                 "usage": %s}""".formatted(CHAT_USAGE))));

        ResponseUsage usage = providers.openAi().responses().create(question()).usage().orElseThrow();

        assertThat(usage.outputTokens()).isEqualTo(90);
        assertThat(usage.outputTokensDetails().reasoningTokens()).isEqualTo(84);
    }

    @Test
    void a_streaming_responses_client_reads_them_in_response_completed() {
        providers.openAiUpstream.reply(Reply.sse(List.of(
                chunk("chatcmpl-s", "{\"role\":\"assistant\",\"content\":\"42\"}", null),
                chunk("chatcmpl-s", "{}", "stop"),
                data("{\"id\":\"chatcmpl-s\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-5\","
                        + "\"choices\":[],\"usage\":" + new JsonObject(CHAT_USAGE).encode() + "}"),
                data("[DONE]"))));

        Response completed;
        try (StreamResponse<ResponseStreamEvent> stream = providers.openAi().responses().createStreaming(question())) {
            completed = stream.stream()
                    .flatMap(event -> event.completed().stream())
                    .findFirst()
                    .orElseThrow()
                    .response();
        }

        assertThat(completed.usage().orElseThrow().outputTokensDetails().reasoningTokens()).isEqualTo(84);
    }

    @Test
    void a_chat_client_reads_gemini_thoughts_as_reasoning_tokens_inside_the_completion_tokens() {
        providers.geminiUpstream.reply(Reply.sse(List.of(data(GEMINI_ANSWER))));

        ChatCompletion completion = providers.openAi().chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gemini-2.5-flash")
                .addUserMessage("What is six times seven?")
                .build());

        CompletionUsage usage = completion.usage().orElseThrow();
        assertThat(usage.completionTokens()).isEqualTo(253);
        assertThat(usage.completionTokensDetails().orElseThrow().reasoningTokens()).contains(250L);
    }

    @Test
    void a_streaming_chat_client_reads_them_in_the_usage_chunk() {
        providers.geminiUpstream.reply(Reply.sse(List.of(data(GEMINI_ANSWER))));
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model("gemini-2.5-flash")
                .addUserMessage("What is six times seven?")
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .build();

        CompletionUsage usage;
        try (StreamResponse<ChatCompletionChunk> stream = providers.openAi().chat().completions().createStreaming(params)) {
            usage = stream.stream()
                    .flatMap(chunk -> chunk.usage().stream())
                    .reduce((first, last) -> last)
                    .orElseThrow();
        }

        assertThat(usage.completionTokens()).isEqualTo(253);
        assertThat(usage.completionTokensDetails().orElseThrow().reasoningTokens()).contains(250L);
    }
}
