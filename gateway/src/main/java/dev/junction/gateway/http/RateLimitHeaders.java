package dev.junction.gateway.http;

import dev.junction.gateway.dialect.ApiFamily;
import dev.junction.gateway.dialect.anthropic.AnthropicFamily;
import dev.junction.gateway.policy.limit.Admission;
import dev.junction.gateway.policy.limit.Admission.Budget;
import io.vertx.core.MultiMap;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The rate-limit headers each dialect family's SDKs and tools read, for the limits a key has (none
 * for a limit it lacks). OpenAI: {@code x-ratelimit-limit-requests}, {@code -remaining-requests},
 * {@code -reset-requests} (a duration such as {@code 1s}, {@code 59.5s}, {@code 1m0s}) and the
 * {@code -tokens} trio. Anthropic: {@code anthropic-ratelimit-requests-limit}, {@code -remaining},
 * {@code -reset} (an RFC 3339 time) and the {@code tokens} trio. A reset is when every use counted
 * in the window has left it.
 */
enum RateLimitHeaders {
    OPENAI {
        @Override
        void put(MultiMap headers, String kind, Budget budget, Instant at) {
            headers.set("x-ratelimit-limit-" + kind, String.valueOf(budget.limit()))
                    .set("x-ratelimit-remaining-" + kind, String.valueOf(budget.remaining()))
                    .set("x-ratelimit-reset-" + kind, duration(budget.reset().toMillis()));
        }
    },
    ANTHROPIC {
        @Override
        void put(MultiMap headers, String kind, Budget budget, Instant at) {
            headers.set("anthropic-ratelimit-" + kind + "-limit", String.valueOf(budget.limit()))
                    .set("anthropic-ratelimit-" + kind + "-remaining", String.valueOf(budget.remaining()))
                    .set("anthropic-ratelimit-" + kind + "-reset", roundedUp(at.plus(budget.reset())).toString());
        }
    };

    /** The headers {@code family}'s clients read: Anthropic's for the Anthropic family, OpenAI's for any other. */
    static RateLimitHeaders of(ApiFamily family) {
        return family == AnthropicFamily.INSTANCE ? ANTHROPIC : OPENAI;
    }

    /** Sets the headers of {@code admission}'s budgets on {@code headers}. */
    void put(MultiMap headers, Admission admission) {
        if (admission.requests() != null) {
            put(headers, "requests", admission.requests(), admission.at());
        }
        if (admission.tokens() != null) {
            put(headers, "tokens", admission.tokens(), admission.at());
        }
    }

    abstract void put(MultiMap headers, String kind, Budget budget, Instant at);

    /** OpenAI's (Go's) duration form, to the millisecond: {@code 0s}, {@code 12ms}, {@code 59.5s}, {@code 1m0s}. */
    static String duration(long millis) {
        if (millis <= 0) {
            return "0s";
        }
        if (millis < 1000) {
            return millis + "ms";
        }
        long minutes = millis / 60_000;
        String seconds = BigDecimal.valueOf(millis % 60_000, 3).stripTrailingZeros().toPlainString() + "s";
        return minutes > 0 ? minutes + "m" + seconds : seconds;
    }

    /** {@code time} rounded up to a whole second, so that a client waiting until then is not early. */
    private static Instant roundedUp(Instant time) {
        Instant truncated = time.truncatedTo(ChronoUnit.SECONDS);
        return truncated.equals(time) ? time : truncated.plusSeconds(1);
    }
}
