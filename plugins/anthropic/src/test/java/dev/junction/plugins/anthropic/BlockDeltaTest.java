package dev.junction.plugins.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streaming read of a {@code content_block_delta} gives what reading its tree gives (the
 * lenient {@link Json} reads the decoder made before), and nothing for what is not one JSON object.
 */
class BlockDeltaTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hé \\\"x\\\"\\n😀\"}}",
        "{\"index\":2,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\":\"}}",
        "{\"delta\":{\"thinking\":\"hmm\",\"type\":\"thinking_delta\"},\"index\":1}",
        "{\"index\":1,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"EqQBCgIYAhIM\"}}",
        "{\"index\":0,\"delta\":{\"type\":\"citations_delta\",\"citation\":{\"type\":\"char_location\",\"cited_text\":\"x\"}}}",
        "{\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":5}}",
        "{\"index\":0,\"delta\":{\"type\":\"text_delta\",\"partial_json\":\"wrong field\"}}",
        "{\"index\":0,\"delta\":{\"type\":7,\"text\":\"t\"}}",
        "{\"index\":\"0\",\"delta\":{\"type\":\"text_delta\",\"text\":\"t\"}}",
        "{\"index\":1.9,\"delta\":{\"type\":\"text_delta\",\"text\":\"t\"}}",
        "{\"index\":null,\"delta\":null}",
        "{\"index\":0,\"delta\":[{\"type\":\"text_delta\",\"text\":\"t\"}]}",
        "{\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"first\"},\"delta\":{\"type\":\"thinking_delta\"}}",
        "{\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"a\",\"text\":\"b\"},\"index\":3}",
        "{\"index\":0,\"extra\":{\"deep\":[1,{\"delta\":{\"type\":\"text_delta\",\"text\":\"no\"}}]}}",
        "{}"
    })
    void reads_an_event_as_its_tree_reads(String data) {
        assertThat(BlockDelta.read(data)).isEqualTo(BlockDelta.of(Json.parseObject(data)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{\"index\":0,", "[{\"index\":0}]", "\"text\"", "{\"index\":0} {}", "{\"index\":0}]", "nope"})
    void reads_nothing_of_what_is_not_one_json_object(String data) {
        assertThat(Json.parseObject(data)).isNull();
        assertThat(BlockDelta.read(data)).isNull();
    }
}
