package dev.junction.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.TextDelta;
import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.junction.gateway.support.ChatChunks;
import dev.junction.gateway.support.TestGateway;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real CLI end to end: the official OpenAI and Anthropic SDKs call the gateway, the gateway's
 * plugin runs the npm-installed CLI, the CLI calls a fake upstream on loopback that answers
 * "Hello from stub" in three deltas with 12 input and 5 output tokens. One gateway and one fake
 * upstream per class; each test sends its own prompt and finds the upstream call that carried it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
abstract class RealCliThroughGatewayTest {

    static final String SYSTEM = "You are the terse test bot system-0815.";

    private FakeUpstream upstream;
    private TestGateway gateway;

    /** The model name the backend serves. */
    abstract String model();

    abstract FakeUpstream startUpstream();

    /** The {@code backends:} entry that runs the CLI against {@code upstream}. */
    abstract String backend(RealClis clis, FakeUpstream upstream, Path dir);

    /** Deletes what the CLI left outside the class's temporary folder. */
    void cleanUp() {}

    @BeforeAll
    @Timeout(900)
    void start(@TempDir Path dir) {
        RealClis clis = RealClis.installed();
        upstream = startUpstream();
        gateway = TestGateway.start(dir, backend(clis, upstream, dir));
    }

    @AfterAll
    void stop() {
        try {
            if (gateway != null) {
                gateway.close();
            }
        } finally {
            if (upstream != null) {
                upstream.close();
            }
            cleanUp();
        }
    }

    @Test
    void openai_sdk_streams_each_upstream_delta_as_its_own_chunk_with_usage() {
        String prompt = "Say hello to openai-stream-4711";
        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> stream = openai().chat().completions().createStreaming(openaiParams(prompt)
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .build())) {
            chunks = stream.stream().toList();
        }

        List<String> deltas = ChatChunks.textDeltas(chunks);
        assertThat(deltas).containsExactly("Hello", " from", " stub");
        assertThat(ChatChunks.finishReasons(chunks))
                .containsExactly(ChatCompletionChunk.Choice.FinishReason.STOP);
        var usage = chunks.get(chunks.size() - 1).usage().orElseThrow();
        assertThat(usage.promptTokens()).isEqualTo(12);
        assertThat(usage.completionTokens()).isEqualTo(5);
        assertReachedUpstream(prompt);
    }

    @Test
    void anthropic_sdk_streams_each_upstream_delta_as_a_text_delta_with_usage() {
        String prompt = "Say hello to anthropic-stream-4711";
        List<RawMessageStreamEvent> events;
        try (com.anthropic.core.http.StreamResponse<RawMessageStreamEvent> stream =
                anthropic().messages().createStreaming(anthropicParams(prompt))) {
            events = stream.stream().toList();
        }

        List<String> deltas = events.stream()
                .flatMap(event -> event.contentBlockDelta().stream())
                .flatMap(delta -> delta.delta().text().stream())
                .map(TextDelta::text)
                .toList();
        assertThat(deltas).containsExactly("Hello", " from", " stub");
        MessageAccumulator accumulator = MessageAccumulator.create();
        events.forEach(accumulator::accumulate);
        Message message = accumulator.message();
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.usage().inputTokens()).isEqualTo(12);
        assertThat(message.usage().outputTokens()).isEqualTo(5);
        assertReachedUpstream(prompt);
    }

    @Test
    void openai_sdk_gets_the_whole_answer_without_streaming() {
        String prompt = "Say hello to openai-whole-4711";
        ChatCompletion completion = openai().chat().completions().create(openaiParams(prompt).build());

        assertThat(completion.choices()).hasSize(1);
        assertThat(completion.choices().get(0).message().content()).contains("Hello from stub");
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(completion.usage().orElseThrow().promptTokens()).isEqualTo(12);
        assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(5);
        assertReachedUpstream(prompt);
    }

    @Test
    void anthropic_sdk_gets_the_whole_answer_without_streaming() {
        String prompt = "Say hello to anthropic-whole-4711";
        Message message = anthropic().messages().create(anthropicParams(prompt));

        assertThat(message.content()).hasSize(1);
        assertThat(message.content().get(0).text().orElseThrow().text()).isEqualTo("Hello from stub");
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.usage().inputTokens()).isEqualTo(12);
        assertThat(message.usage().outputTokens()).isEqualTo(5);
        assertReachedUpstream(prompt);
    }

    /** Exactly one upstream call carried {@code prompt} as the user's text, with {@link #SYSTEM}. */
    private void assertReachedUpstream(String prompt) {
        List<RecordedRequest> calls = upstream.modelCalls().stream()
                .filter(call -> upstream.userText(call).contains(prompt))
                .toList();
        assertThat(calls).as("upstream calls carrying the prompt, of %s", upstream.requests()).hasSize(1);
        assertThat(upstream.systemText(calls.get(0))).as("system text sent upstream").contains(SYSTEM);
    }

    private OpenAIClient openai() {
        return gateway.openAi("unused");
    }

    private AnthropicClient anthropic() {
        return gateway.anthropic("unused");
    }

    private ChatCompletionCreateParams.Builder openaiParams(String prompt) {
        return ChatCompletionCreateParams.builder().model(model()).addSystemMessage(SYSTEM).addUserMessage(prompt);
    }

    private MessageCreateParams anthropicParams(String prompt) {
        return MessageCreateParams.builder()
                .model(model())
                .maxTokens(1000)
                .system(SYSTEM)
                .addUserMessage(prompt)
                .build();
    }
}
