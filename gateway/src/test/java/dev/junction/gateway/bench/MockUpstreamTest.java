package dev.junction.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.InternalServerException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.gateway.support.ChatChunks;
import io.vertx.core.buffer.Buffer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The benchmark's mock upstream answers the official SDKs as the real APIs would. */
@Timeout(60)
class MockUpstreamTest {

    private static MockUpstream.Running mock;

    @BeforeAll
    static void start() throws Exception {
        mock = MockUpstream.start("127.0.0.1", 0, 1, new MockProfile(10, 0, 0))
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        mock.vertx().close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + mock.port() + path;
    }

    private static OpenAIClient openai(String base) {
        return OpenAIOkHttpClient.builder().baseUrl(url(base)).apiKey("unused").maxRetries(0).build();
    }

    private static AnthropicClient anthropic(String base) {
        return AnthropicOkHttpClient.builder().baseUrl(url(base)).apiKey("unused").maxRetries(0).build();
    }

    private static ChatCompletionCreateParams chat() {
        return ChatCompletionCreateParams.builder().model("mock-model").addUserMessage("Say hello.").build();
    }

    private static MessageCreateParams message() {
        return MessageCreateParams.builder().model("mock-model").maxTokens(100).addUserMessage("Say hello.").build();
    }

    @Test
    void answers_a_chat_completion_with_the_default_chunk_count_as_words() {
        ChatCompletion completion = openai("/v1").chat().completions().create(chat());

        assertThat(completion.choices().get(0).message().content()).contains(MockReplies.WORD.repeat(10));
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(10);
    }

    @Test
    void streams_one_chat_chunk_per_word_the_path_asks_for_then_usage() {
        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> stream = openai("/c7/v1").chat().completions().createStreaming(chat())) {
            chunks = stream.stream().toList();
        }

        List<String> words = ChatChunks.textDeltas(chunks);
        assertThat(words).hasSize(7).containsOnly(MockReplies.WORD);
        assertThat(chunks.get(chunks.size() - 1).usage().orElseThrow().completionTokens()).isEqualTo(7);
    }

    @Test
    void answers_an_anthropic_message() {
        Message message = anthropic("/c3").messages().create(message());

        assertThat(message.content().get(0).text().orElseThrow().text()).isEqualTo(" word word word");
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.usage().outputTokens()).isEqualTo(3);
    }

    @Test
    void streams_anthropic_text_deltas_paced_by_the_path() {
        long start = System.nanoTime();
        List<RawMessageStreamEvent> events;
        try (com.anthropic.core.http.StreamResponse<RawMessageStreamEvent> stream =
                anthropic("/c4/i30").messages().createStreaming(message())) {
            events = stream.stream().toList();
        }
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(events.stream().filter(event -> event.contentBlockDelta().isPresent())).hasSize(4);
        assertThat(events.get(events.size() - 1).isMessageStop()).isTrue();
        assertThat(elapsedMs).as("three pauses of 30 ms").isGreaterThanOrEqualTo(90);
    }

    @Test
    void refuses_an_unknown_path_or_profile_with_404() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("/v2/chat/completions", "/x5/v1/chat/completions", "/v1/embeddings")) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(url(path))).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(404);
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"stream\":true}|true",
                "{\"model\":\"m\", \"stream\" :  true}|true",
                "{\"stream\":false}|false",
                "{\"stream_options\":{\"include_usage\":true}}|false",
                "{\"model\":\"m\"}|false",
                "{\"stream\"|false",
                "{\"messages\":[{\"content\":\"the \\\"stream\\\" word\"}],\"stream\":true}|true"
            })
    void finds_the_stream_flag_without_parsing(String body, boolean streams) {
        assertThat(MockUpstream.streams(Buffer.buffer(body))).isEqualTo(streams);
    }

    @Test
    void finds_the_stream_flag_after_400_kb_of_messages() {
        String messages = "{\"messages\":[" + "{\"role\":\"user\",\"content\":\"word word\"},".repeat(12_000);
        assertThat(MockUpstream.streams(Buffer.buffer(messages + "{}],\"stream\":true}"))).isTrue();
        assertThat(MockUpstream.streams(Buffer.buffer(messages + "{}],\"model\":\"m\"}"))).isFalse();
    }

    @Test
    void answers_the_fault_status_the_path_asks_for() {
        assertThatThrownBy(() -> openai("/s503/v1").chat().completions().create(chat()))
                .isInstanceOf(InternalServerException.class)
                .hasMessageContaining("503");
    }

    @Test
    void closes_a_stream_after_the_chunks_the_path_asks_for() {
        List<String> words = new ArrayList<>();
        assertThatThrownBy(() -> {
                    try (StreamResponse<ChatCompletionChunk> stream =
                            openai("/c50/t3/v1").chat().completions().createStreaming(chat())) {
                        stream.stream().forEach(chunk -> chunk.choices().forEach(
                                choice -> choice.delta().content().filter(text -> !text.isEmpty()).ifPresent(words::add)));
                    }
                })
                .as("a stream cut short")
                .isInstanceOf(RuntimeException.class);
        assertThat(words).hasSizeLessThanOrEqualTo(3);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "/v1/chat/completions|10|0|0|0|0|/v1/chat/completions",
                "/c100/v1/chat/completions|100|0|0|0|0|/v1/chat/completions",
                "/c100/i10/l5/v1/messages|100|10|5|0|0|/v1/messages",
                "/s503/v1/chat/completions|10|0|0|503|0|/v1/chat/completions",
                "/c50/t10/v1/chat/completions|50|0|0|0|10|/v1/chat/completions"
            })
    void selects_the_profile_from_the_path(
            String path, int chunks, long interval, long latency, int status, int cutAfter, String api) {
        MockProfile.Selected selected = MockProfile.select(path, new MockProfile(10, 0, 0));

        assertThat(selected.profile()).isEqualTo(new MockProfile(chunks, interval, latency, status, cutAfter));
        assertThat(selected.apiPath()).isEqualTo(api);
    }
}
