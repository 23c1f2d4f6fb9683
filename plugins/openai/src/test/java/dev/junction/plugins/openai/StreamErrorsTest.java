package dev.junction.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StreamErrorsTest {

    @ParameterizedTest(name = "code {0}, type {1} -> {2}")
    @CsvSource(nullValues = "-", value = {
        "-, server_error, UPSTREAM",
        "-, -, UPSTREAM",
        "-, invalid_request_error, INVALID_REQUEST",
        "context_length_exceeded, invalid_request_error, INVALID_REQUEST",
        "invalid_api_key, invalid_request_error, AUTHENTICATION",
        "model_not_found, invalid_request_error, NOT_FOUND",
        "rate_limit_exceeded, requests, RATE_LIMITED",
        "insufficient_quota, insufficient_quota, RATE_LIMITED",
        "-, overloaded_error, OVERLOADED",
        "-, permission_error, PERMISSION",
        "-, something_new, UPSTREAM",
    })
    void classifies_by_code_then_type(String code, String type, ErrorKind kind) {
        assertThat(StreamErrors.kind(code, type)).isEqualTo(kind);
    }

    @ParameterizedTest
    @CsvSource({"rate_limit_exceeded, 1", "server_error, -1"})
    void a_rate_limit_says_when_to_retry(String code, int retryAfter) {
        ChatEvent.Failed failed = StreamErrors.failure(
                "gpt", new JsonObject().put("message", "slow down").put("code", code));

        assertThat(failed.retryAfterSeconds()).isEqualTo(retryAfter < 0 ? null : retryAfter);
        assertThat(failed.message()).isEqualTo("backend 'gpt': the upstream failed mid-stream: slow down");
    }

    @ParameterizedTest
    @CsvSource({"invalid_request_error", "not_found_error"})
    void the_callers_own_mistakes_keep_the_upstream_message(String type) {
        assertThat(StreamErrors.failure("gpt", new JsonObject().put("message", "bad").put("type", type)).message())
                .isEqualTo("bad");
    }
}
