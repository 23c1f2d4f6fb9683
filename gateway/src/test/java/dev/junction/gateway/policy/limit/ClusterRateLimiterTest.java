package dev.junction.gateway.policy.limit;

import static dev.junction.gateway.policy.limit.LimiterNodes.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.config.KeyLimits;
import dev.junction.gateway.policy.limit.Admission.Limit;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The cluster limiter on three Hazelcast members in this JVM (talking over loopback TCP, so every
 * operation on a key another member owns crosses the wire): limits held exactly across nodes under
 * concurrent load and minute after minute, and the same remaining counts on every node.
 */
@Timeout(120)
class ClusterRateLimiterTest {

    private static LimiterNodes nodes;

    @BeforeAll
    static void startThreeNodes() {
        nodes = LimiterNodes.start(3);
    }

    @AfterEach
    void theStoreAnsweredEveryTime() {
        assertThat(nodes.patientLog()).isEmpty();
    }

    @AfterAll
    static void stop() {
        nodes.close();
    }

    @Test
    void requests_per_minute_admit_exactly_the_limit_across_three_nodes_under_concurrent_load() {
        KeyLimits limits = new KeyLimits(100L, null, null);

        List<Admission> all = together(IntStream.range(0, 3)
                .mapToObj(node -> nodes.admitMany(node, "rpm-race", limits, 150))
                .toList());

        List<Admission> admitted = all.stream().filter(Admission::admitted).toList();
        assertThat(admitted).hasSize(100);
        Set<Long> remaining = new HashSet<>();
        admitted.forEach(admission -> remaining.add(admission.requests().remaining()));
        assertThat(remaining).as("each admission saw a budget of its own").hasSize(100).contains(0L, 99L);
        all.stream().filter(admission -> !admission.admitted()).forEach(refused -> {
            assertThat(refused.refused()).isEqualTo(Limit.REQUESTS_PER_MINUTE);
            assertThat(refused.retryAfterSeconds()).isBetween(1, 60);
            assertThat(refused.requests().remaining()).isZero();
        });
    }

    @Test
    void requests_per_minute_hold_minute_after_minute_on_a_sliding_window() {
        KeyLimits limits = new KeyLimits(30L, null, null);
        int[] admittedPerSecond = new int[180];
        for (int second = 0; second < admittedPerSecond.length; second++) {
            nodes.advance(Duration.ofSeconds(1));
            // Each node asks once a second: 180 requests a minute for a limit of 30.
            List<Admission> admissions = together(IntStream.range(0, 3)
                    .mapToObj(node -> nodes.admitMany(node, "rpm-slide", limits, 1))
                    .toList());
            admittedPerSecond[second] = (int) admissions.stream().filter(Admission::admitted).count();
            for (int node = 0; node < 3; node++) {
                if (admissions.get(node).admitted()) {
                    nodes.end(node, "rpm-slide", 0);
                }
            }
        }

        for (int start = 0; start + 60 <= admittedPerSecond.length; start++) {
            assertThat(IntStream.range(start, start + 60).map(second -> admittedPerSecond[second]).sum())
                    .as("admitted in the 60 seconds from second %d", start)
                    .isLessThanOrEqualTo(30);
        }
        assertThat(IntStream.of(admittedPerSecond).sum()).as("three minutes at 30 a minute").isEqualTo(90);
    }

    @Test
    void tokens_per_minute_count_what_requests_used_on_every_node() {
        KeyLimits limits = new KeyLimits(null, 1000L, null);
        assertThat(nodes.admit(0, "tpm", limits).admitted()).isTrue();
        nodes.end(0, "tpm", 600);

        Admission second = nodes.admit(1, "tpm", limits);
        assertThat(second.admitted()).isTrue();
        assertThat(second.tokens().remaining()).as("node 0's usage, seen on node 1").isEqualTo(400);
        nodes.end(1, "tpm", 500);

        Admission third = nodes.admit(2, "tpm", limits);
        assertThat(third.refused()).isEqualTo(Limit.TOKENS_PER_MINUTE);
        assertThat(third.tokens().remaining()).isZero();
        assertThat(third.retryAfterSeconds()).isBetween(59, 60);
    }

    @Test
    void every_node_reports_the_same_remaining_counts() {
        KeyLimits limits = new KeyLimits(10L, 1000L, null);
        assertThat(nodes.admit(0, "same-counts", limits).requests().remaining()).isEqualTo(9);
        assertThat(nodes.admit(1, "same-counts", limits).requests().remaining()).isEqualTo(8);
        assertThat(nodes.admit(2, "same-counts", limits).requests().remaining()).isEqualTo(7);
        nodes.end(2, "same-counts", 250);

        Set<Duration> tokenResets = new HashSet<>();
        for (int node = 0; node < 3; node++) {
            Admission admission = nodes.admit(node, "same-counts", limits);
            assertThat(admission.requests().remaining()).isEqualTo(6 - node);
            assertThat(admission.tokens().remaining()).as("node %d", node).isEqualTo(750);
            tokenResets.add(admission.tokens().reset());
        }
        assertThat(tokenResets).singleElement().isNotEqualTo(Duration.ZERO);
    }

    @Test
    void concurrent_requests_hold_exactly_across_nodes_round_after_round() {
        KeyLimits limits = new KeyLimits(null, null, 5L);
        for (int round = 0; round < 4; round++) {
            List<Future<List<Admission>>> perNode = IntStream.range(0, 3)
                    .mapToObj(node -> nodes.admitMany(node, "concurrent", limits, 20))
                    .toList();
            // Every node's answers first: a place ended while another node still asks would be taken again.
            List<List<Admission>> answers = perNode.stream().map(LimiterNodes::await).toList();
            int admitted = 0;
            for (int node = 0; node < 3; node++) {
                for (Admission admission : answers.get(node)) {
                    if (admission.admitted()) {
                        admitted++;
                        nodes.end(node, "concurrent", 0);
                    } else {
                        assertThat(admission.refused()).isEqualTo(Limit.CONCURRENT_REQUESTS);
                    }
                }
            }
            assertThat(admitted).as("round %d", round).isEqualTo(5);
        }
    }

    @Test
    void concurrent_requests_never_go_over_while_nodes_admit_and_end_at_once() {
        KeyLimits limits = new KeyLimits(null, null, 3L);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<Future<Void>> workers = new ArrayList<>();
        for (int node = 0; node < 3; node++) {
            for (int worker = 0; worker < 4; worker++) {
                workers.add(work(node, "racing", limits, 10, inFlight, most));
            }
        }
        await(Future.all(workers));

        assertThat(most.get()).as("most requests in flight at once").isEqualTo(3);
        assertThat(nodes.admit(0, "racing", limits).admitted()).as("every place given back").isTrue();
    }

    /** Admits {@code times} requests one after another on {@code node}, each held 20 ms, then ended. */
    private static Future<Void> work(
            int node, String key, KeyLimits limits, int times, AtomicInteger inFlight, AtomicInteger most) {
        if (times == 0) {
            return Future.succeededFuture();
        }
        Vertx vertx = nodes.node(node);
        RateLimiter limiter = nodes.limiter(node);
        Promise<Void> turn = Promise.promise();
        vertx.runOnContext(start -> limiter.admit(key, limits).onComplete(result -> {
            if (!result.result().admitted()) {
                vertx.setTimer(1, again -> work(node, key, limits, times, inFlight, most).onComplete(turn));
                return;
            }
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            vertx.setTimer(20, held -> {
                inFlight.decrementAndGet();
                limiter.end(key, 0)
                        .compose(ended -> work(node, key, limits, times - 1, inFlight, most))
                        .onComplete(turn);
            });
        }));
        return turn.future();
    }

    /** What each future gave, flattened, once all have. */
    private static <T> List<T> together(List<Future<List<T>>> futures) {
        List<T> all = new ArrayList<>();
        futures.forEach(future -> all.addAll(await(future)));
        return all;
    }
}
