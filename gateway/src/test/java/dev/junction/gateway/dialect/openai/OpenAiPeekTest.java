package dev.junction.gateway.dialect.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.plugin.RawRequest;
import io.vertx.core.buffer.Buffer;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * What the peek reads of a Chat Completions body for the pass-through, and every body it leaves to
 * the decoder (which refuses it, or changes it in a way the bytes cannot follow).
 */
class OpenAiPeekTest {

    private static Optional<RawRequest> peek(String body) {
        return new OpenAiDialect().peek(Buffer.buffer(body), Map.of("openai-beta", "assistants=v2"));
    }

    @Test
    void reads_the_model_where_it_is_the_stream_and_where_to_ask_for_the_usage() {
        String body = "{ \"messages\": [{\"role\": \"user\", \"content\": \"{\\\"model\\\": 1}\"}],\n"
                + "  \"model\" : \"gpt-\\u0034o\", \"stream\": true, \"max_tokens\": 5}";

        RawRequest request = peek(body).orElseThrow();

        assertThat(request.model()).isEqualTo("gpt-4o");
        assertThat(body.substring(request.modelValue().start(), request.modelValue().end())).isEqualTo("\"gpt-\\u0034o\"");
        assertThat(request.stream()).isTrue();
        assertThat(request.usageAsked()).isFalse();
        assertThat(request.usageAt()).isEqualTo(1);
        RawRequest.Span key = request.fields().get("max_tokens");
        assertThat(body.substring(key.start(), key.end())).isEqualTo("\"max_tokens\"");
        assertThat(request.headers()).containsEntry("openai-beta", "assistants=v2");
    }

    @Test
    void a_client_that_asks_for_the_usage_gets_nothing_added() {
        RawRequest request = peek("{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                        + "\"messages\":[{}]}")
                .orElseThrow();

        assertThat(request.usageAsked()).isTrue();
        assertThat(request.usageAt()).isEqualTo(-1);
    }

    @Test
    void a_whole_answer_asks_for_nothing_more() {
        RawRequest request = peek("{\"model\":\"m\",\"messages\":[{}],\"n\":1}").orElseThrow();

        assertThat(request.stream()).isFalse();
        assertThat(request.usageAt()).isEqualTo(-1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "[]",
        "{\"model\":\"m\",\"messages\":[{}]",
        "{\"model\":\"m\",\"messages\":[{}]} {}",
        "{\"model\":\"m\",\"messages\":[{}],\"model\":\"n\"}",
        "{\"messages\":[{}]}",
        "{\"model\":\" \",\"messages\":[{}]}",
        "{\"model\":5,\"messages\":[{}]}",
        "{\"model\":\"m\"}",
        "{\"model\":\"m\",\"messages\":[]}",
        "{\"model\":\"m\",\"messages\":{}}",
        "{\"model\":\"m\",\"messages\":[{}],\"n\":2}",
        "{\"model\":\"m\",\"messages\":[{}],\"stream\":\"yes\"}",
        "{\"model\":\"m\",\"messages\":[{}],\"max_tokens\":1,\"max_completion_tokens\":2}",
        "{\"model\":\"m\",\"messages\":[{}],\"max\\u005ftokens\":1}",
        "{\"model\":\"m\",\"messages\":[{}],\"stream_options\":{\"include_usage\":true}}",
        "{\"model\":\"m\",\"messages\":[{}],\"stream\":true,\"stream_options\":{\"include_usage\":false}}",
        "{\"model\":\"m\",\"messages\":[{}],\"stream\":true,\"stream_options\":{}}",
        "{\"model\":\"m\",\"messages\":[{}],\"stream\":true,\"stream_options\":true}",
    })
    void leaves_to_the_decoder_a_body_the_bytes_cannot_carry_as_decoded(String body) {
        assertThat(peek(body)).isEmpty();
    }
}
