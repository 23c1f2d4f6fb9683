package dev.junction.plugins.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.FinishReason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicCodesTest {

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
        "invalid_request_error, INVALID_REQUEST",
        "request_too_large, INVALID_REQUEST",
        "authentication_error, AUTHENTICATION",
        "permission_error, AUTHENTICATION",
        "billing_error, AUTHENTICATION",
        "not_found_error, NOT_FOUND",
        "rate_limit_error, RATE_LIMITED",
        "api_error, UPSTREAM",
        "overloaded_error, OVERLOADED",
        "timeout_error, TIMEOUT",
        "some_new_error, UPSTREAM",
        "null, UPSTREAM"
    })
    void maps_each_error_type_to_a_kind(String type, ErrorKind kind) {
        assertThat(AnthropicCodes.errorKind(type)).isEqualTo(kind);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
        "end_turn, END_TURN",
        "max_tokens, MAX_TOKENS",
        "model_context_window_exceeded, MAX_TOKENS",
        "stop_sequence, STOP_SEQUENCE",
        "tool_use, TOOL_USE",
        "refusal, REFUSAL",
        "pause_turn, END_TURN",
        "some_new_reason, END_TURN",
        "null, END_TURN"
    })
    void maps_each_stop_reason_to_a_finish_reason(String stopReason, FinishReason reason) {
        assertThat(AnthropicCodes.finishReason(stopReason)).isEqualTo(reason);
    }
}
