package dev.junction.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The endpoint tag names what was asked from a fixed set, whatever the path. */
class RequestMetersTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "/v1/chat/completions,                 chat_completions",
        "/openai/v1/chat/completions,          chat_completions",
        "/v1/messages,                         messages",
        "/anthropic/v1/messages,               messages",
        "/v1/messages/count_tokens,            count_tokens",
        "/anthropic/v1/messages/count_tokens,  count_tokens",
        "/openai/v1/embeddings,                embeddings",
        "/v1/models,                           models",
        "/anthropic/v1/models/claude-x,        models",
        "/v1/models/some/long/id,              models",
        "/v1/chat/completions/extra,           other",
        "/v2/chat/completions,                 other",
        "/random-8c1f/chat/completions,        other",
        "/,                                    other",
    })
    void names_the_endpoint_from_the_path(String path, String endpoint) {
        assertThat(RequestMeters.endpoint(path)).isEqualTo(endpoint);
    }
}
