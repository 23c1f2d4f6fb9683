package dev.junction.gateway.resilience;

import static dev.junction.gateway.resilience.Recovery.Step.FALL_BACK;
import static dev.junction.gateway.resilience.Recovery.Step.GIVE_UP;
import static dev.junction.gateway.resilience.Recovery.Step.RETRY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.config.ResilienceConfig;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The decision table: what follows a failure that came before any of the answer reached the client. */
class RecoveryTest {

    private static final ResilienceConfig.Retries ONE_RETRY = new ResilienceConfig.Retries(1, 250, 4000);

    static Stream<Arguments> table() {
        return Stream.of(
                // kind, Retry-After, retries done, step
                row(ErrorKind.UNAVAILABLE, null, 0, RETRY),
                row(ErrorKind.UNAVAILABLE, null, 1, FALL_BACK),
                row(ErrorKind.OVERLOADED, null, 0, RETRY),
                row(ErrorKind.OVERLOADED, 4, 0, RETRY),
                row(ErrorKind.OVERLOADED, 5, 0, FALL_BACK),
                row(ErrorKind.OVERLOADED, null, 1, FALL_BACK),
                row(ErrorKind.TIMEOUT, null, 0, RETRY),
                row(ErrorKind.TIMEOUT, null, 1, FALL_BACK),
                row(ErrorKind.RATE_LIMITED, 2, 0, RETRY),
                row(ErrorKind.RATE_LIMITED, 60, 0, FALL_BACK),
                row(ErrorKind.RATE_LIMITED, null, 0, FALL_BACK),
                row(ErrorKind.RATE_LIMITED, 2, 1, FALL_BACK),
                row(ErrorKind.UPSTREAM, null, 0, RETRY),
                row(ErrorKind.UPSTREAM, null, 1, GIVE_UP),
                row(ErrorKind.INTERNAL, null, 0, RETRY),
                row(ErrorKind.INTERNAL, null, 1, GIVE_UP),
                row(ErrorKind.INVALID_REQUEST, null, 0, GIVE_UP),
                row(ErrorKind.AUTHENTICATION, null, 0, GIVE_UP),
                row(ErrorKind.PERMISSION, null, 0, GIVE_UP),
                row(ErrorKind.NOT_FOUND, null, 0, GIVE_UP));
    }

    @ParameterizedTest(name = "{0}, Retry-After {1}, after {2} retries: {3}")
    @MethodSource("table")
    void decides_by_kind_wait_and_retries_done(ErrorKind kind, Integer retryAfter, int retriesDone, Recovery.Step step) {
        assertThat(Recovery.next(new ChatEvent.Failed(kind, "x", retryAfter), ONE_RETRY, retriesDone)).isEqualTo(step);
    }

    @ParameterizedTest
    @EnumSource(ErrorKind.class)
    void never_retries_when_retries_are_off(ErrorKind kind) {
        ResilienceConfig.Retries none = new ResilienceConfig.Retries(0, 250, 4000);
        assertThat(Recovery.next(ChatEvent.Failed.of(kind, "x"), none, 0)).isNotEqualTo(RETRY);
    }

    @Test
    void counts_only_what_says_the_backend_is_unhealthy() {
        assertThat(Stream.of(ErrorKind.values()).filter(Recovery::unhealthy))
                .containsExactlyInAnyOrder(
                        ErrorKind.UNAVAILABLE, ErrorKind.OVERLOADED, ErrorKind.TIMEOUT, ErrorKind.UPSTREAM, ErrorKind.INTERNAL);
    }

    @Test
    void waits_at_least_as_long_as_the_backend_asks() {
        SplittableRandom random = new SplittableRandom(7);
        ChatEvent.Failed limited = new ChatEvent.Failed(ErrorKind.RATE_LIMITED, "slow down", 3);
        ChatEvent.Failed overloaded = ChatEvent.Failed.of(ErrorKind.OVERLOADED, "busy");
        for (int i = 0; i < 100; i++) {
            assertThat(Recovery.delayMillis(limited, ONE_RETRY, 0, random)).isEqualTo(3000);
            assertThat(Recovery.delayMillis(overloaded, ONE_RETRY, 0, random)).isBetween(0L, 250L);
        }
    }

    private static Arguments row(ErrorKind kind, Integer retryAfter, int retriesDone, Recovery.Step step) {
        return Arguments.of(kind, retryAfter, retriesDone, step);
    }
}
