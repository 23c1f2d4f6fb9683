package dev.junction.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.policy.limit.Admission;
import dev.junction.gateway.policy.limit.Admission.Budget;
import io.vertx.core.MultiMap;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateLimitHeadersTest {

    private static final Instant AT = Instant.parse("2030-01-01T12:00:00.250Z");

    @ParameterizedTest
    @CsvSource({"0, 0s", "12, 12ms", "999, 999ms", "1000, 1s", "59500, 59.5s", "1250, 1.25s", "60000, 1m0s", "360000, 6m0s"})
    void openai_durations_read_like_openais(long millis, String expected) {
        assertThat(RateLimitHeaders.duration(millis)).isEqualTo(expected);
    }

    @Test
    void openai_headers_cover_the_limits_the_key_has() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        RateLimitHeaders.OPENAI.put(headers, new Admission(
                null, 0, AT, new Budget(60, 59, Duration.ofMillis(59_750)), new Budget(1000, 400, Duration.ofSeconds(12))));

        assertThat(headers.get("x-ratelimit-limit-requests")).isEqualTo("60");
        assertThat(headers.get("x-ratelimit-remaining-requests")).isEqualTo("59");
        assertThat(headers.get("x-ratelimit-reset-requests")).isEqualTo("59.75s");
        assertThat(headers.get("x-ratelimit-limit-tokens")).isEqualTo("1000");
        assertThat(headers.get("x-ratelimit-remaining-tokens")).isEqualTo("400");
        assertThat(headers.get("x-ratelimit-reset-tokens")).isEqualTo("12s");
        assertThat(headers.names()).allMatch(name -> name.startsWith("x-ratelimit-")).hasSize(6);
    }

    @Test
    void anthropic_resets_are_rfc_3339_times_rounded_up_to_the_second() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        RateLimitHeaders.ANTHROPIC.put(headers, new Admission(
                null, 0, AT, new Budget(60, 0, Duration.ofMillis(59_750)), null));

        assertThat(headers.get("anthropic-ratelimit-requests-limit")).isEqualTo("60");
        assertThat(headers.get("anthropic-ratelimit-requests-remaining")).isEqualTo("0");
        assertThat(headers.get("anthropic-ratelimit-requests-reset")).isEqualTo("2030-01-01T12:01:00Z");
        assertThat(headers.names()).as("no tokens limit, no tokens headers").hasSize(3);
    }
}
