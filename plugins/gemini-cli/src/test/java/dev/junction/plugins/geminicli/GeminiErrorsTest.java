package dev.junction.plugins.geminicli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.plugin.ChatEvent.Failed;
import dev.junction.plugin.ErrorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GeminiErrorsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            [API Error: {"error":{"code":401,"message":"API key not valid.","status":"UNAUTHENTICATED"}}]  | AUTHENTICATION
            [API Error: {"error":{"code":403,"message":"Permission denied.","status":"PERMISSION_DENIED"}}] | AUTHENTICATION
            [API Error: {"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT"}}] | AUTHENTICATION
            [API Error: {"error":{"code":400,"message":"Invalid JSON payload.","status":"INVALID_ARGUMENT"}}] | INVALID_REQUEST
            [API Error: {"error":{"code":404,"message":"models/nope is not found.","status":"NOT_FOUND"}}] | NOT_FOUND
            [API Error: {"error":{"code":429,"message":"Too many requests.","status":"RESOURCE_EXHAUSTED"}}] | RATE_LIMITED
            [API Error: Resource has been exhausted (e.g. check quota).]                                    | RATE_LIMITED
            You have exhausted your daily quota on this model.                                              | RATE_LIMITED
            [API Error: {"error":{"code":500,"message":"Internal error encountered.","status":"INTERNAL"}}] | UPSTREAM
            [API Error: {"error":{"code":503,"message":"The model is overloaded.","status":"UNAVAILABLE"}}] | OVERLOADED
            [API Error: {"error":{"code":504,"message":"Deadline exceeded.","status":"DEADLINE_EXCEEDED"}}] | TIMEOUT
            [API Error: exception TypeError: fetch failed sending request]                                  | UNAVAILABLE
            [API Error: terminated]                                                                         | UPSTREAM
            Model stream ended without a finish reason.                                                     | UPSTREAM
            """)
    void classifies_result_messages(String message, ErrorKind kind) {
        assertThat(GeminiErrors.fromMessage(message).kind()).isEqualTo(kind);
    }

    @ParameterizedTest(name = "exit {0} -> {1}")
    @CsvSource({
        "41, AUTHENTICATION",
        "42, INVALID_REQUEST",
        "52, UNAVAILABLE",
        "55, UNAVAILABLE",
        "144, INVALID_REQUEST",
        "145, AUTHENTICATION",
        "147, AUTHENTICATION",
        "148, NOT_FOUND",
        "173, RATE_LIMITED",
        "244, UPSTREAM",
        "247, OVERLOADED",
        "248, TIMEOUT",
        "1, UPSTREAM",
        "0, UPSTREAM",
        "137, UPSTREAM"
    })
    void classifies_exit_codes(int exitCode, ErrorKind kind) {
        assertThat(GeminiErrors.fromExit(exitCode, "").kind()).isEqualTo(kind);
    }

    @Test
    void names_the_upstream_status_and_message_of_an_api_error() {
        assertThat(GeminiErrors.fromMessage("[API Error: {\"error\":{\"code\":429,\"message\":\"Slow down.\"}}]"))
                .isEqualTo(Failed.of(ErrorKind.RATE_LIMITED, "Gemini API error 429: Slow down."));
    }

    @Test
    void shows_the_end_of_stderr_for_an_exit_code() {
        Failed failed = GeminiErrors.fromExit(1, "x".repeat(2000) + "\nthe cause\n");

        assertThat(failed.message()).startsWith("Gemini CLI exited with code 1: ...").endsWith("the cause").hasSizeLessThan(600);
        assertThat(GeminiErrors.fromExit(1, " ").message()).isEqualTo("Gemini CLI exited with code 1: nothing on stderr");
    }
}
