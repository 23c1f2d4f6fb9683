package dev.junction.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UpstreamFailuresTest {

    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    private static final String OPENAI = "{\"error\":{\"message\":\"%s\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}";
    private static final String ANTHROPIC = "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"%s\"}}";
    private static final String GEMINI = "[{\"error\":{\"code\":400,\"message\":\"%s\",\"status\":\"INVALID_ARGUMENT\"}}]";

    static Stream<Arguments> table() {
        return Stream.of(
                row(400, OPENAI.formatted("max_tokens is too large"), MultiMap.caseInsensitiveMultiMap(),
                        ErrorKind.INVALID_REQUEST, "max_tokens is too large", null),
                row(400, GEMINI.formatted("Invalid JSON payload"), headers(),
                        ErrorKind.INVALID_REQUEST, "Invalid JSON payload", null),
                row(409, "{\"message\":\"conflict here\"}", headers(), ErrorKind.INVALID_REQUEST, "conflict here", null),
                row(413, "request too large", headers(), ErrorKind.INVALID_REQUEST, "request too large", null),
                row(422, "{\"detail\":\"field required\"}", headers(), ErrorKind.INVALID_REQUEST, "field required", null),
                row(401, OPENAI.formatted("Incorrect API key provided"), headers(), ErrorKind.AUTHENTICATION,
                        "backend 'up': the upstream refused the gateway's credentials (401): Incorrect API key provided", null),
                row(403, "", headers(), ErrorKind.AUTHENTICATION,
                        "backend 'up': the upstream refused the gateway's credentials (403): Forbidden", null),
                row(404, OPENAI.formatted("The model `gpt-9` does not exist"), headers(), ErrorKind.NOT_FOUND,
                        "The model `gpt-9` does not exist", null),
                row(408, "", headers(), ErrorKind.TIMEOUT, "backend 'up': the upstream timed out (408): Request Timeout", null),
                row(504, "<html><body>\n  <h1>504 Gateway Time-out</h1>\n</body></html>", headers(), ErrorKind.TIMEOUT,
                        "backend 'up': the upstream timed out (504): <html><body> <h1>504 Gateway Time-out</h1> </body></html>", null),
                row(429, OPENAI.formatted("Rate limit reached"), headers("Retry-After", "7"), ErrorKind.RATE_LIMITED,
                        "backend 'up': the upstream's rate limit was reached (429): Rate limit reached", 7),
                row(429, "", headers(), ErrorKind.RATE_LIMITED,
                        "backend 'up': the upstream's rate limit was reached (429): Too Many Requests", 1),
                row(529, ANTHROPIC.formatted("Overloaded"), headers(), ErrorKind.OVERLOADED,
                        "backend 'up': the upstream is overloaded (529): Overloaded", null),
                row(529, "", headers("retry-after", "3"), ErrorKind.OVERLOADED,
                        "backend 'up': the upstream is overloaded (529): Overloaded", 3),
                row(503, "upstream connect error", headers(), ErrorKind.OVERLOADED,
                        "backend 'up': the upstream is overloaded (503): upstream connect error", null),
                row(500, ANTHROPIC.formatted("Internal server error"), headers(), ErrorKind.UPSTREAM,
                        "backend 'up': the upstream failed (500): Internal server error", null),
                row(502, "  ", headers(), ErrorKind.UPSTREAM, "backend 'up': the upstream failed (502): Bad Gateway", null),
                row(599, "", headers(), ErrorKind.UPSTREAM, "backend 'up': the upstream failed (599): ", null),
                row(402, "{\"error\":\"insufficient credits\"}", headers(), ErrorKind.UPSTREAM,
                        "backend 'up': the upstream answered 402: insufficient credits", null),
                row(302, "", headers(), ErrorKind.UPSTREAM, "backend 'up': the upstream answered 302: Found", null));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("table")
    void classifies_by_status_with_the_upstreams_own_message(
            int status, String body, MultiMap headers, ErrorKind kind, String message, Integer retryAfter) {
        ChatEvent.Failed failed = UpstreamFailures.classify("up", status, headers, Buffer.buffer(body), NOW);

        assertThat(failed.kind()).isEqualTo(kind);
        if (status == 599) {
            assertThat(failed.message()).startsWith(message);
        } else {
            assertThat(failed.message()).isEqualTo(message);
        }
        assertThat(failed.retryAfterSeconds()).isEqualTo(retryAfter);
    }

    @Test
    void keeps_only_the_first_500_characters_of_a_body_that_is_not_json() {
        String body = "xxxx ".repeat(400);

        ChatEvent.Failed failed = UpstreamFailures.classify("up", 400, headers(), Buffer.buffer(body), NOW);

        assertThat(failed.message()).isEqualTo("xxxx ".repeat(100) + "…");
    }

    @Test
    void cuts_a_long_value_the_upstream_quotes_from_the_request() {
        String role = "r".repeat(300);
        String body = OPENAI.formatted("Invalid value: '" + role + "'. Supported values are: 'system', 'user'.");

        ChatEvent.Failed failed = UpstreamFailures.classify("up", 400, headers(), Buffer.buffer(body), NOW);

        assertThat(failed.message()).endsWith("Invalid value: '" + "r".repeat(99)
                + "… (303 characters) Supported values are: 'system', 'user'.")
                .doesNotContain("r".repeat(101));
    }

    static Stream<Arguments> retryAfterTable() {
        return Stream.of(
                Arguments.of("seconds", headers("Retry-After", "20"), "", 20),
                Arguments.of("fractional seconds round up", headers("Retry-After", "1.2"), "", 2),
                Arguments.of("zero becomes one", headers("Retry-After", "0"), "", 1),
                Arguments.of("HTTP date", headers("Retry-After", "Wed, 01 Jan 2025 00:00:30 GMT"), "", 30),
                Arguments.of("HTTP date in the past", headers("Retry-After", "Tue, 31 Dec 2024 23:00:00 GMT"), "", 1),
                Arguments.of("retry-after-ms first", headers("retry-after-ms", "2500", "Retry-After", "9"), "", 3),
                Arguments.of("unparsable Retry-After uses the default", headers("Retry-After", "soon"), "", 1),
                Arguments.of(
                        "Gemini RetryInfo in the body",
                        headers(),
                        "{\"error\":{\"code\":429,\"message\":\"quota\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"41.5s\"}]}}",
                        42),
                Arguments.of(
                        "OpenAI reset of the exhausted limit",
                        headers("x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "6m0s",
                                "x-ratelimit-remaining-tokens", "100", "x-ratelimit-reset-tokens", "1h"),
                        "",
                        360),
                Arguments.of(
                        "OpenAI reset in milliseconds",
                        headers("x-ratelimit-remaining-tokens", "0", "x-ratelimit-reset-tokens", "20ms"),
                        "",
                        1),
                Arguments.of(
                        "Anthropic reset of the exhausted limit",
                        headers("anthropic-ratelimit-requests-remaining", "5",
                                "anthropic-ratelimit-requests-reset", "2025-01-01T00:10:00Z",
                                "anthropic-ratelimit-output-tokens-remaining", "0",
                                "anthropic-ratelimit-output-tokens-reset", "2025-01-01T00:00:12Z"),
                        "",
                        12));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("retryAfterTable")
    void reads_when_to_retry_a_rate_limited_request(String name, MultiMap headers, String body, int seconds) {
        ChatEvent.Failed failed = UpstreamFailures.classify("up", 429, headers, Buffer.buffer(body), NOW);

        assertThat(failed.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(failed.retryAfterSeconds()).isEqualTo(seconds);
    }

    @Test
    void an_upstream_exception_carries_retry_after_into_its_event() {
        ChatEvent.Failed failed = new ChatEvent.Failed(ErrorKind.RATE_LIMITED, "slow down", 9);

        UpstreamException exception = UpstreamException.of(failed);

        assertThat(exception.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(exception.retryAfterSeconds()).isEqualTo(9);
        assertThat(exception.toEvent()).isEqualTo(failed);
    }

    private static Arguments row(
            int status, String body, MultiMap headers, ErrorKind kind, String message, Integer retryAfter) {
        return Arguments.of(status, body, headers, kind, message, retryAfter);
    }

    private static MultiMap headers(String... namesAndValues) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }
}
