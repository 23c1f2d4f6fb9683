package dev.junction.gateway.policy.limit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.config.KeyLimits;
import dev.junction.gateway.policy.limit.Admission.Limit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The in-memory limiter by a clock the test moves: windows, budgets, Retry-After, threads. */
@Timeout(30)
class LocalRateLimiterTest {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final RateLimiter limiter = RateLimiter.local(now::get);

    private void at(Duration sinceT0) {
        now.set(T0.plus(sinceT0));
    }

    private Admission admit(String key, KeyLimits limits) {
        return limiter.admit(key, limits).toCompletionStage().toCompletableFuture().join();
    }

    private void end(String key, long tokens) {
        limiter.end(key, tokens).toCompletionStage().toCompletableFuture().join();
    }

    private static KeyLimits rpm(long limit) {
        return new KeyLimits(limit, null, null);
    }

    @Test
    void requests_per_minute_window_slides_a_second_at_a_time() {
        KeyLimits limits = rpm(3);
        for (int i = 0; i < 3; i++) {
            at(Duration.ofSeconds(10L * i));
            assertThat(admit("a", limits).admitted()).isTrue();
            end("a", 0);
        }

        at(Duration.ofSeconds(30));
        Admission refused = admit("a", limits);
        assertThat(refused.refused()).isEqualTo(Limit.REQUESTS_PER_MINUTE);
        assertThat(refused.retryAfterSeconds()).as("until the request of T0 leaves the window").isEqualTo(30);

        at(Duration.ofMillis(59_999));
        Admission almost = admit("a", limits);
        assertThat(almost.admitted()).isFalse();
        assertThat(almost.retryAfterSeconds()).as("a millisecond to wait is still a whole second").isEqualTo(1);

        at(Duration.ofSeconds(60));
        assertThat(admit("a", limits).admitted()).isTrue();
        assertThat(admit("a", limits).retryAfterSeconds()).as("until the request of T0+10s leaves").isEqualTo(10);
    }

    @Test
    void refused_requests_are_not_counted() {
        KeyLimits limits = rpm(1);
        assertThat(admit("a", limits).admitted()).isTrue();
        end("a", 0);
        at(Duration.ofSeconds(30));
        for (int i = 0; i < 5; i++) {
            assertThat(admit("a", limits).admitted()).isFalse();
        }

        at(Duration.ofSeconds(60));
        assertThat(admit("a", limits).admitted()).isTrue();
    }

    @Test
    void remaining_requests_go_down_and_reset_when_the_window_empties() {
        KeyLimits limits = rpm(3);
        at(Duration.ofMillis(500));

        assertThat(admit("a", limits).requests()).isEqualTo(new Admission.Budget(3, 2, Duration.ofMillis(59_500)));
        at(Duration.ofSeconds(2));
        assertThat(admit("a", limits).requests()).isEqualTo(new Admission.Budget(3, 1, Duration.ofSeconds(60)));
        assertThat(admit("a", limits).requests().remaining()).isZero();
        Admission refused = admit("a", limits);
        assertThat(refused.requests()).isEqualTo(new Admission.Budget(3, 0, Duration.ofSeconds(60)));
        assertThat(refused.tokens()).as("no tokens limit, no tokens budget").isNull();
    }

    @Test
    void tokens_per_minute_count_usage_recorded_when_requests_end() {
        KeyLimits limits = new KeyLimits(null, 100L, null);
        Admission first = admit("a", limits);
        assertThat(first.tokens()).isEqualTo(new Admission.Budget(100, 100, Duration.ZERO));
        assertThat(first.requests()).isNull();
        assertThat(admit("a", limits).admitted()).as("usage in flight is not counted yet").isTrue();
        end("a", 60);

        at(Duration.ofSeconds(1));
        assertThat(admit("a", limits).tokens()).isEqualTo(new Admission.Budget(100, 40, Duration.ofSeconds(59)));
        at(Duration.ofSeconds(2));
        end("a", 50);
        end("a", 0);

        at(Duration.ofSeconds(3));
        Admission refused = admit("a", limits);
        assertThat(refused.refused()).isEqualTo(Limit.TOKENS_PER_MINUTE);
        assertThat(refused.retryAfterSeconds()).as("until the 60 tokens of T0 leave the window").isEqualTo(57);
        assertThat(refused.tokens()).isEqualTo(new Admission.Budget(100, 0, Duration.ofSeconds(59)));

        at(Duration.ofSeconds(60));
        Admission again = admit("a", limits);
        assertThat(again.admitted()).isTrue();
        assertThat(again.tokens().remaining()).isEqualTo(50);
    }

    @Test
    void one_request_over_the_token_budget_blocks_the_key_for_a_minute() {
        KeyLimits limits = new KeyLimits(null, 10L, null);
        admit("a", limits);
        end("a", 500);

        Admission refused = admit("a", limits);
        assertThat(refused.refused()).isEqualTo(Limit.TOKENS_PER_MINUTE);
        assertThat(refused.retryAfterSeconds()).isEqualTo(60);
    }

    @Test
    void concurrent_requests_free_their_place_when_they_end() {
        KeyLimits limits = new KeyLimits(null, null, 2L);
        assertThat(admit("a", limits).admitted()).isTrue();
        assertThat(admit("a", limits).admitted()).isTrue();

        Admission refused = admit("a", limits);
        assertThat(refused.refused()).isEqualTo(Limit.CONCURRENT_REQUESTS);
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        assertThat(refused.requests()).isNull();
        assertThat(refused.tokens()).isNull();

        end("a", 0);
        assertThat(admit("a", limits).admitted()).isTrue();
        assertThat(admit("a", limits).admitted()).isFalse();
    }

    @Test
    void the_limit_with_the_longest_wait_is_the_one_reported() {
        KeyLimits limits = new KeyLimits(1L, null, 1L);
        admit("a", limits);
        at(Duration.ofSeconds(1));

        Admission refused = admit("a", limits);
        assertThat(refused.refused()).isEqualTo(Limit.REQUESTS_PER_MINUTE);
        assertThat(refused.retryAfterSeconds()).isEqualTo(59);
    }

    @Test
    void keys_are_counted_apart() {
        KeyLimits limits = new KeyLimits(1L, null, 1L);
        assertThat(admit("a", limits).admitted()).isTrue();
        assertThat(admit("a", limits).admitted()).isFalse();

        assertThat(admit("b", limits).admitted()).isTrue();
        end("b", 0);
        assertThat(admit("a", limits).admitted()).as("b's end frees nothing of a's").isFalse();
    }

    @Test
    void limits_come_with_each_call_so_counts_outlive_a_new_configuration() {
        for (int i = 0; i < 3; i++) {
            admit("a", rpm(3));
        }
        assertThat(admit("a", rpm(3)).admitted()).isFalse();

        Admission raised = admit("a", rpm(5));
        assertThat(raised.admitted()).isTrue();
        assertThat(raised.requests().remaining()).isEqualTo(1);
    }

    @Test
    void many_threads_get_exactly_the_minute_budget_and_count_every_end() throws Exception {
        KeyLimits limits = rpm(5_000);
        AtomicInteger admitted = new AtomicInteger();

        inThreads(8, 2_000, () -> {
            if (admit("a", limits).admitted()) {
                admitted.incrementAndGet();
                end("a", 1);
            }
        });

        assertThat(admitted.get()).as("the minute's budget, not one more or less").isEqualTo(5_000);
        assertThat(admit("a", new KeyLimits(null, 5_001L, null)).tokens().remaining())
                .as("every end's tokens were counted")
                .isEqualTo(1);
    }

    @Test
    void many_threads_never_exceed_the_concurrency_and_give_every_place_back() throws Exception {
        KeyLimits limits = new KeyLimits(null, null, 3L);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();

        inThreads(8, 2_000, () -> {
            if (admit("a", limits).admitted()) {
                mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                inFlight.decrementAndGet();
                end("a", 0);
            }
        });

        assertThat(mostInFlight.get()).isBetween(1, 3);
        for (int i = 0; i < 3; i++) {
            assertThat(admit("a", limits).admitted()).as("place %d was given back", i + 1).isTrue();
        }
        assertThat(admit("a", limits).admitted()).isFalse();
    }

    /** Runs {@code step} {@code rounds} times in each of {@code threads} threads, all starting together. */
    private static void inThreads(int threads, int rounds, Runnable step) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                runs.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < rounds; i++) {
                        step.run();
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> run : runs) {
                run.get(20, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
