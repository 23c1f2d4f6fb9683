package dev.junction.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.config.ResilienceConfig;
import java.util.LongSummaryStatistics;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final ResilienceConfig.Retries RETRIES = new ResilienceConfig.Retries(10, 250, 4000);

    @Test
    void the_ceiling_doubles_from_the_initial_backoff_up_to_the_maximum() {
        assertThat(IntStream.range(0, 7).mapToObj(retry -> Backoff.ceilingMillis(RETRIES, retry)))
                .containsExactly(250L, 500L, 1000L, 2000L, 4000L, 4000L, 4000L);
    }

    @Test
    void the_ceiling_never_overflows() {
        assertThat(Backoff.ceilingMillis(RETRIES, 62)).isEqualTo(4000);
        assertThat(Backoff.ceilingMillis(RETRIES, Integer.MAX_VALUE)).isEqualTo(4000);
        assertThat(Backoff.ceilingMillis(new ResilienceConfig.Retries(1, Long.MAX_VALUE / 2, Long.MAX_VALUE), 3))
                .isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void delays_spread_over_the_whole_range_from_zero_to_the_ceiling() {
        SplittableRandom random = new SplittableRandom(42);
        for (int retry = 0; retry < 6; retry++) {
            long ceiling = Backoff.ceilingMillis(RETRIES, retry);
            int attempt = retry;
            LongSummaryStatistics delays = IntStream.range(0, 2000)
                    .mapToLong(i -> Backoff.delayMillis(RETRIES, attempt, random))
                    .summaryStatistics();

            assertThat(delays.getMin()).as("retry %d", retry).isBetween(0L, ceiling / 20);
            assertThat(delays.getMax()).as("retry %d", retry).isBetween(ceiling - ceiling / 20, ceiling);
            assertThat(delays.getAverage()).as("retry %d", retry).isCloseTo(ceiling / 2.0, Percentage.withPercentage(10));
        }
    }
}
