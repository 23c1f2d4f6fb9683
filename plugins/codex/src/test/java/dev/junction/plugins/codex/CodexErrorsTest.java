package dev.junction.plugins.codex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.plugin.ErrorKind;
import io.vertx.core.json.JsonObject;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CodexErrorsTest {

    static Stream<Arguments> messages() {
        return Stream.of(
                // recorded texts of Codex CLI 0.169.0
                Arguments.of("unexpected status 401 Unauthorized: Incorrect API key provided: sk-stub., url: "
                        + "http://127.0.0.1:18095/v1/responses, request id: req_stub_d9841967173d", ErrorKind.AUTHENTICATION),
                Arguments.of("exceeded retry limit, last status: 429 Too Many Requests, request id: req_stub_15bc45e13bd4",
                        ErrorKind.RATE_LIMITED),
                Arguments.of("We’re currently experiencing high demand, which may cause temporary errors.", ErrorKind.UPSTREAM),
                Arguments.of("stream disconnected before completion: stub: upstream failed mid-stream", ErrorKind.UPSTREAM),
                Arguments.of("stream disconnected before completion: Transport error: network error: error decoding response body",
                        ErrorKind.UPSTREAM),
                Arguments.of("Connection failed: error sending request", ErrorKind.UNAVAILABLE),
                Arguments.of("Missing environment variable: `STUB_OPENAI_API_KEY`.", ErrorKind.AUTHENTICATION),
                // texts the fixtures do not hold
                Arguments.of("You've hit your usage limit. Upgrade to Pro or try again later.", ErrorKind.RATE_LIMITED),
                Arguments.of("stream disconnected before completion: Rate limit reached for gpt-5", ErrorKind.RATE_LIMITED),
                Arguments.of("Quota exceeded. Check your plan and billing details.", ErrorKind.RATE_LIMITED),
                Arguments.of("unexpected status 403 Forbidden: not allowed", ErrorKind.PERMISSION),
                Arguments.of("unexpected status 502 Bad Gateway: ", ErrorKind.UPSTREAM),
                Arguments.of("unexpected status 404 Not Found: no such model", ErrorKind.UPSTREAM),
                Arguments.of("Server overloaded; retry later.", ErrorKind.OVERLOADED),
                Arguments.of("Codex ran out of room in the model's context window.", ErrorKind.INVALID_REQUEST),
                Arguments.of("request id: req_4010_status_x", ErrorKind.UPSTREAM),
                Arguments.of("", ErrorKind.UPSTREAM));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void classifies_codex_error_texts(String message, ErrorKind kind) {
        assertThat(CodexErrors.classify(message, null)).isEqualTo(kind);
    }

    static Stream<Arguments> infos() {
        return Stream.of(
                Arguments.of("usageLimitExceeded", ErrorKind.RATE_LIMITED),
                Arguments.of("rateLimitExceeded", ErrorKind.RATE_LIMITED),
                Arguments.of("unauthorized", ErrorKind.AUTHENTICATION),
                Arguments.of("serverOverloaded", ErrorKind.OVERLOADED),
                Arguments.of("contextWindowExceeded", ErrorKind.INVALID_REQUEST),
                Arguments.of("badRequest", ErrorKind.INVALID_REQUEST),
                Arguments.of("other", ErrorKind.UPSTREAM),
                Arguments.of(status("httpConnectionFailed", 401), ErrorKind.AUTHENTICATION),
                Arguments.of(status("responseTooManyFailedAttempts", 429), ErrorKind.RATE_LIMITED),
                Arguments.of(status("responseStreamDisconnected", 503), ErrorKind.UPSTREAM),
                Arguments.of(new JsonObject().put("responseStreamConnectionFailed", new JsonObject()), ErrorKind.UPSTREAM));
    }

    @ParameterizedTest
    @MethodSource("infos")
    void classifies_by_error_info_when_the_text_says_nothing_known(Object info, ErrorKind kind) {
        assertThat(CodexErrors.classify("something went wrong", info)).isEqualTo(kind);
    }

    @Test
    void known_text_wins_over_error_info() {
        assertThat(CodexErrors.classify("Connection failed: error sending request", "other"))
                .isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(CodexErrors.classify("unexpected status 401 Unauthorized: bad key", "badRequest"))
                .isEqualTo(ErrorKind.AUTHENTICATION);
    }

    private static JsonObject status(String variant, int status) {
        return new JsonObject().put(variant, new JsonObject().put("httpStatusCode", status));
    }
}
