package dev.junction.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.http.ApiEndpoints.Family;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The endpoint table: each path's name for the metrics and its dialect family, known or not. */
class ApiEndpointsTest {

    @ParameterizedTest(name = "{0} {1} -> {2}, {3}")
    @CsvSource({
        "POST, /v1/chat/completions,                chat_completions, OPENAI",
        "POST, /openai/v1/chat/completions,         chat_completions, OPENAI",
        "POST, /v1/messages,                        messages,         ANTHROPIC",
        "POST, /anthropic/v1/messages,              messages,         ANTHROPIC",
        "POST, /v1/messages/count_tokens,           count_tokens,     ANTHROPIC",
        "POST, /anthropic/v1/messages/count_tokens, count_tokens,     ANTHROPIC",
        "POST, /openai/v1/embeddings,               embeddings,       OPENAI",
        "GET,  /v1/models,                          models,           SHARED",
        "GET,  /anthropic/v1/models/claude-x,       models,           ANTHROPIC",
        "GET,  /v1/models/some/long/id,             models,           SHARED",
        "GET,  /v1/messages,                        other,            ANTHROPIC",
        "GET,  /V1/MESSAGES,                        other,            ANTHROPIC",
        "POST, /v1/messages/batches,                other,            ANTHROPIC",
        "GET,  /ANTHROPIC/v1/anything,              other,            ANTHROPIC",
        "POST, /openai/v1/responses,                responses,        OPENAI",
        "POST, /v1/responses,                       responses,        OPENAI",
        "GET,  /v1/responses,                       other,            OPENAI",
        "GET,  /openai/v1/responses/resp_1,         other,            OPENAI",
        "POST, /v1/chat/completions/extra,          other,            SHARED",
        "POST, /v2/chat/completions,                other,            SHARED",
        "GET,  /random-8c1f/chat/completions,       other,            SHARED",
        "GET,  /,                                   root,             SHARED",
        "HEAD, /,                                   root,             SHARED",
        "POST, /,                                   other,            SHARED",
    })
    void names_the_endpoint_and_its_family_from_the_path(String method, String path, String name, Family family) {
        assertThat(ApiEndpoints.name(HttpMethod.valueOf(method), path)).isEqualTo(name);
        assertThat(ApiEndpoints.family(path)).isEqualTo(family);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "/v1/messages,              POST",
        "/v1/models,                GET",
        "/openai/v1/models/a/b,     GET",
        "/v1/nothing,               ''",
    })
    void knows_the_methods_of_each_path(String path, String methods) {
        assertThat(String.join(",", ApiEndpoints.at(path).stream().map(e -> e.method().name()).toList()))
                .isEqualTo(methods);
    }
}
