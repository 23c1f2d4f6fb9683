package dev.junction.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.models.Model;
import dev.junction.gateway.support.ChatChunks;
import dev.junction.gateway.support.TestGateway;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The official OpenAI Java SDK against the gateway and the echo plugin's real JAR. */
@Timeout(60)
class OpenAiSdkTest {

    private static final String PROMPT = "Hello from the  other side";

    private static TestGateway gateway;

    @BeforeAll
    static void start(@TempDir Path dir) {
        gateway = TestGateway.start(dir, TestGateway.echoBackend());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static OpenAIClient client(String base) {
        return gateway.openAi(base, "unused");
    }

    private static ChatCompletionCreateParams.Builder echo(String text) {
        return ChatCompletionCreateParams.builder().model("echo").addSystemMessage("Be brief.").addUserMessage(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1", "/openai/v1"})
    void lists_and_retrieves_models(String base) {
        OpenAIClient client = client(base);
        List<Model> models = client.models().list().data();
        assertThat(models).extracting(Model::id).containsExactly("echo");
        assertThat(models.get(0).ownedBy()).isEqualTo("echo");
        assertThat(client.models().retrieve("echo").id()).isEqualTo("echo");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1", "/openai/v1"})
    void answers_a_chat_completion_with_text_and_usage(String base) {
        ChatCompletion completion = client(base).chat().completions().create(echo(PROMPT).build());

        assertThat(completion.choices()).hasSize(1);
        assertThat(completion.choices().get(0).message().content()).contains(PROMPT);
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(completion.model()).isEqualTo("echo");
        var usage = completion.usage().orElseThrow();
        assertThat(usage.completionTokens()).isEqualTo(5);
        assertThat(usage.promptTokens()).isEqualTo(7);
        assertThat(usage.totalTokens()).isEqualTo(12);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1", "/openai/v1"})
    void streams_one_chunk_per_word_and_usage_only_when_asked(String base) {
        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> stream = client(base).chat().completions().createStreaming(echo(PROMPT)
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .build())) {
            chunks = stream.stream().toList();
        }
        List<String> deltas = ChatChunks.textDeltas(chunks);
        assertThat(deltas).containsExactly("Hello", " from", " the", "  other", " side");
        assertThat(chunks.get(0).choices().get(0).delta().role()).isPresent();
        assertThat(ChatChunks.finishReasons(chunks))
                .containsExactly(ChatCompletionChunk.Choice.FinishReason.STOP);
        ChatCompletionChunk last = chunks.get(chunks.size() - 1);
        assertThat(last.choices()).isEmpty();
        assertThat(last.usage().orElseThrow().completionTokens()).isEqualTo(5);

        try (StreamResponse<ChatCompletionChunk> stream =
                client(base).chat().completions().createStreaming(echo(PROMPT).build())) {
            assertThat(stream.stream().toList()).allSatisfy(chunk -> assertThat(chunk.usage()).isEmpty());
        }
    }

    @Test
    void stops_at_max_tokens_with_finish_reason_length() {
        ChatCompletion completion = client("/v1").chat().completions().create(echo(PROMPT).maxCompletionTokens(2).build());
        assertThat(completion.choices().get(0).message().content()).contains("Hello from");
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.LENGTH);
    }

    @Test
    void routes_backend_slash_model_explicitly() {
        ChatCompletion completion = client("/v1").chat().completions().create(echo("hi").model("echo/any-name").build());
        assertThat(completion.choices().get(0).message().content()).contains("hi");
        assertThat(completion.model()).isEqualTo("any-name");
    }

    @Test
    void unknown_model_is_a_not_found_exception_naming_the_models() {
        assertThatThrownBy(() -> client("/v1").chat().completions().create(echo("hi").model("gpt-nope").build()))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("gpt-nope")
                .hasMessageContaining("echo");
        assertThatThrownBy(() -> client("/v1").models().retrieve("gpt-nope")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void invalid_request_is_a_bad_request_exception() {
        assertThatThrownBy(() -> client("/v1").chat().completions().create(echo("hi")
                        .putAdditionalBodyProperty("temperature", JsonValue.from("hot"))
                        .build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("temperature");
    }

    @Test
    void an_unknown_path_is_a_not_found_exception() {
        assertThatThrownBy(() -> client("/openai/v2").chat().completions().create(echo("hi").build()))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("Unknown endpoint: POST /openai/v2/chat/completions");
    }
}
