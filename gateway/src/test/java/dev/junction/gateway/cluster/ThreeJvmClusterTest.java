package dev.junction.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.junction.gateway.support.ChatChunks;
import dev.junction.gateway.support.ForkedCluster;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three gateway JVMs joined with {@code --cluster}; the echo plugin's JAR is on the third only. A
 * client of the first, which cannot run echo itself, gets the same answers through the official SDKs
 * as from a gateway hosting echo: the third serves them over the clustered event bus.
 */
@Timeout(180)
class ThreeJvmClusterTest {

    private static final String PROMPT = "Hello from the  other side";

    private static ForkedCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = ThreeJvms.cluster();
    }

    @Test
    void the_first_node_cannot_run_echo_itself() {
        assertThat(cluster.node(1).log()).anyMatch(line -> line.contains("plugin 'echo' is not installed"));
        assertThat(cluster.nodes()).allSatisfy(node -> assertThat(node.members()).isEqualTo(3));
    }

    @Test
    void an_openai_chat_completion_to_a_node_without_the_backend_is_answered() {
        OpenAIClient client = cluster.node(1).openAi();
        for (int i = 0; i < 6; i++) {
            ChatCompletion completion = client.chat().completions().create(openAi(PROMPT + " " + i).build());

            assertThat(completion.choices().get(0).message().content()).contains(PROMPT + " " + i);
            assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
            assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(6);
        }
    }

    @Test
    void an_openai_chat_completion_streams_across_nodes_in_order() {
        List<ChatCompletionChunk> chunks;
        try (var stream = cluster.node(1).openAi().chat().completions().createStreaming(openAi(PROMPT)
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .build())) {
            chunks = stream.stream().toList();
        }

        List<String> deltas = ChatChunks.textDeltas(chunks);
        assertThat(deltas).containsExactly("Hello", " from", " the", "  other", " side");
        assertThat(ChatChunks.finishReasons(chunks))
                .containsExactly(ChatCompletionChunk.Choice.FinishReason.STOP);
        assertThat(chunks.get(chunks.size() - 1).usage().orElseThrow().completionTokens()).isEqualTo(5);
    }

    @Test
    void an_anthropic_message_to_a_node_without_the_backend_is_answered() {
        AnthropicClient client = cluster.node(1).anthropic();
        for (int i = 0; i < 6; i++) {
            Message message = client.messages().create(anthropic(PROMPT + " " + i).build());

            assertThat(message.content().get(0).text().orElseThrow().text()).isEqualTo(PROMPT + " " + i);
            assertThat(message.stopReason()).contains(StopReason.END_TURN);
            assertThat(message.usage().outputTokens()).isEqualTo(6);
        }
    }

    @Test
    void an_anthropic_message_streams_across_nodes_in_order() {
        MessageAccumulator accumulator = MessageAccumulator.create();
        List<RawMessageStreamEvent> events;
        try (StreamResponse<RawMessageStreamEvent> stream =
                cluster.node(1).anthropic().messages().createStreaming(anthropic(PROMPT).build())) {
            events = stream.stream().peek(accumulator::accumulate).toList();
        }

        assertThat(events.get(0).isMessageStart()).isTrue();
        assertThat(events.get(events.size() - 1).isMessageStop()).isTrue();
        assertThat(events.stream().filter(RawMessageStreamEvent::isContentBlockDelta)).hasSize(5);
        Message message = accumulator.message();
        assertThat(message.content().get(0).text().orElseThrow().text()).isEqualTo(PROMPT);
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.usage().outputTokens()).isEqualTo(5);
    }

    private static ChatCompletionCreateParams.Builder openAi(String text) {
        return ChatCompletionCreateParams.builder().model("echo").addUserMessage(text);
    }

    private static MessageCreateParams.Builder anthropic(String text) {
        return MessageCreateParams.builder().model("echo").maxTokens(100).addUserMessage(text);
    }
}
