package dev.junction.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.plugin.BackendException;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The streaming reader gives each field the lenient meaning a JsonObject tree's reading gave it. */
class ChunkReaderTest {

    private static ChatChunk.Delta text(String content) {
        return new ChatChunk.Delta(null, content, null, List.of());
    }

    @Test
    void reads_a_text_chunk_and_skips_the_fields_it_does_not_need() {
        ChatChunk chunk = ChunkReader.read("""
            {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-x",
             "system_fingerprint":"fp","service_tier":"default","obfuscation":"abc",
             "choices":[{"index":0,"delta":{"content":"Hé \\"there\\"\\n😀","extra":{"a":[1,{"b":2}]}},
                         "logprobs":{"content":[{"token":"x","bytes":[1,2]}]},"finish_reason":null}],
             "usage":null}""");

        assertThat(chunk).isEqualTo(new ChatChunk(
                "chatcmpl-1", "gpt-x", true, List.of(new ChatChunk.Choice(text("Hé \"there\"\n😀"), null)), null, null));
    }

    @Test
    void keeps_only_the_choices_at_index_zero_a_missing_index_being_zero() {
        ChatChunk chunk = ChunkReader.read("""
            {"choices":[{"index":1,"delta":{"content":"one"}},7,{"delta":{"content":"none"},"finish_reason":"stop"},
                        {"index":"2","delta":"not an object","finish_reason":5},{"index":0.0,"delta":{"content":"zero"}}]}""");

        assertThat(chunk.id()).isNull();
        assertThat(chunk.hasChoices()).isTrue();
        assertThat(chunk.firstChoices()).containsExactly(
                new ChatChunk.Choice(text("none"), "stop"),
                new ChatChunk.Choice(null, null),
                new ChatChunk.Choice(text("zero"), null));
    }

    @Test
    void an_empty_or_mistyped_choices_has_no_choices() {
        assertThat(ChunkReader.read("{\"id\":\"\",\"choices\":[]}"))
                .isEqualTo(new ChatChunk(null, null, false, List.of(), null, null));
        assertThat(ChunkReader.read("{\"id\":5,\"model\":[\"m\"],\"choices\":{\"index\":0}}"))
                .isEqualTo(new ChatChunk(null, null, false, List.of(), null, null));
    }

    @Test
    void reads_reasoning_content_before_reasoning_and_strings_only() {
        ChatChunk.Delta delta = ChunkReader.read("""
            {"choices":[{"delta":{"reasoning":"second","reasoning_content":"first","content":3,"refusal":""}}]}""")
                .firstChoices().get(0).delta();
        assertThat(delta).isEqualTo(new ChatChunk.Delta("first", null, "", List.of()));

        assertThat(ChunkReader.read("{\"choices\":[{\"delta\":{\"reasoning_content\":\"\",\"reasoning\":\"r\"}}]}")
                        .firstChoices().get(0).delta().reasoning())
                .isEqualTo("r");
    }

    @Test
    void numbers_tool_calls_by_their_index_or_else_their_position() {
        ChatChunk.Delta delta = ChunkReader.read("""
            {"choices":[{"delta":{"tool_calls":[
              {"index":3,"id":"call_a","type":"function","function":{"name":"f","arguments":"{\\"a\\":"}},
              "not a call",
              {"id":"call_b","function":{"arguments":"1}"}},
              {"index":null,"function":"mistyped","id":7}]}}]}""")
                .firstChoices().get(0).delta();

        assertThat(delta.toolCalls()).containsExactly(
                new ChatChunk.ToolCallPiece(3, "call_a", "f", "{\"a\":"),
                new ChatChunk.ToolCallPiece(2, "call_b", null, "1}"),
                new ChatChunk.ToolCallPiece(3, null, null, null));
    }

    @Test
    void reads_usage_with_its_details_as_canonical_counts() {
        ChatChunk chunk = ChunkReader.read("""
            {"choices":[],"usage":{"prompt_tokens":100,"completion_tokens":20.7,"total_tokens":120,
             "prompt_tokens_details":{"audio_tokens":0,"cached_tokens":30},
             "completion_tokens_details":{"reasoning_tokens":5,"accepted_prediction_tokens":0}}}""");

        assertThat(chunk.usage()).isEqualTo(new ChatEvent.Usage(70, 20, 30, 0, 5));
        assertThat(ChunkReader.read("{\"usage\":{\"prompt_tokens_details\":null}}").usage())
                .isEqualTo(ChatEvent.Usage.of(0, 0));
    }

    @Test
    void keeps_the_error_value_as_a_tree_reads_it() {
        assertThat(ChunkReader.read("{\"error\":{\"message\":\"slow down\",\"code\":\"rate_limit_exceeded\"}}").error())
                .isEqualTo(new JsonObject().put("message", "slow down").put("code", "rate_limit_exceeded"));
        assertThat(ChunkReader.read("{\"error\":\"plain\"}").error()).isEqualTo("plain");
        assertThat(ChunkReader.read("{\"error\":null,\"id\":\"c\"}").error()).isNull();
    }

    @Test
    void the_last_of_a_repeated_key_wins_as_in_a_tree() {
        ChatChunk chunk = ChunkReader.read("""
            {"id":"a","id":"b","choices":[{"delta":{"content":"x"}}],"choices":[{"delta":{"content":"y","content":"z"}}]}""");

        assertThat(chunk.id()).isEqualTo("b");
        assertThat(chunk.firstChoices()).containsExactly(new ChatChunk.Choice(text("z"), null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"id\":", "[1,2]", "\"text\"", "{\"id\":\"a\"} {}", "{\"id\":\"a\"}]", "nope", "{'id':'a'}"})
    void refuses_what_is_not_one_json_object(String data) {
        assertThatThrownBy(() -> ChunkReader.read(data))
                .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM))
                .hasMessageStartingWith("the upstream sent a chunk that is not a JSON object: ");
    }
}
