package dev.junction.plugins.claude;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClaudeFailuresTest {

    @ParameterizedTest(name = "{0} / {1} / {2} -> {3}")
    @CsvSource(
            delimiter = ';',
            nullValues = "null",
            value = {
                // subtype      ; status ; result text                                               ; kind
                "success        ; 400    ; API Error: 400 prompt is too long                         ; INVALID_REQUEST",
                "success        ; 413    ; API Error: 413 request too large                          ; INVALID_REQUEST",
                "success        ; 401    ; Invalid API key · Fix external API key                    ; AUTHENTICATION",
                "success        ; 403    ; API Error: 403 permission denied                          ; AUTHENTICATION",
                "success        ; 404    ; API Error: 404 model not found                            ; NOT_FOUND",
                "success        ; 429    ; API Error: Request rejected (429) · rate limit            ; RATE_LIMITED",
                "success        ; 529    ; API Error: 529 Overloaded.                                ; OVERLOADED",
                "success        ; 500    ; API Error: 500 Internal server error.                     ; UPSTREAM",
                "success        ; 503    ; API Error: 503 Service unavailable                        ; UPSTREAM",
                "success        ; null   ; API Error: Unable to connect to API (ConnectionRefused)   ; UNAVAILABLE",
                "success        ; null   ; Not logged in · Please run /login                         ; AUTHENTICATION",
                "success        ; null   ; Claude AI usage limit reached|1767225600                  ; RATE_LIMITED",
                "success        ; null   ; You've hit your Usage Limit                               ; RATE_LIMITED",
                "success        ; null   ; API Error: Overloaded                                     ; OVERLOADED",
                "success        ; null   ; API Error: Connection to the API was lost (ECONNRESET).   ; UPSTREAM",
                "error_max_turns; null   ; null                                                      ; UPSTREAM",
                "error_during_execution ; null ; null                                                ; UPSTREAM"
            })
    void classifies_a_failed_result(String subtype, Integer status, String text, ErrorKind kind) {
        assertThat(ClaudeFailures.ofResult(subtype, status, text).kind()).isEqualTo(kind);
    }

    @Test
    void the_message_carries_the_clis_text() {
        assertThat(ClaudeFailures.ofResult("success", 401, "Invalid API key · Fix external API key"))
                .isEqualTo(ChatEvent.Failed.of(
                        ErrorKind.AUTHENTICATION, "Claude Code: Invalid API key · Fix external API key"));
        assertThat(ClaudeFailures.ofResult("error_during_execution", null, null).message())
                .isEqualTo("Claude Code: failed (error_during_execution)");
        assertThat(ClaudeFailures.ofResult("error_max_turns", null, null).message())
                .isEqualTo("Claude Code reached max turns before it answered");
    }

    @Test
    void an_exit_without_result_is_an_upstream_failure_with_the_stderr_tail() {
        assertThat(ClaudeFailures.ofExit(1, "error: unknown option '--bogus'\n", 0))
                .isEqualTo(ChatEvent.Failed.of(
                        ErrorKind.UPSTREAM,
                        "Claude Code exited with code 1 before its result: error: unknown option '--bogus'"));
        assertThat(ClaudeFailures.ofExit(137, "", 3).message())
                .isEqualTo("Claude Code exited with code 137 before its result (3 output lines were not JSON)");
    }
}
