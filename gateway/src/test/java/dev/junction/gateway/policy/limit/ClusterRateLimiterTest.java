package dev.junction.gateway.policy.limit;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import dev.junction.gateway.cluster.Membership;
import dev.junction.gateway.config.KeyLimits;
import dev.junction.gateway.metrics.GatewayMetrics;
import dev.junction.gateway.policy.limit.Admission.Limit;
import dev.junction.gateway.support.LoopbackCluster;
import dev.junction.gateway.support.PrometheusText;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The cluster limiter on three Hazelcast members in this JVM (talking over loopback TCP, so every
 * operation on a key another member owns crosses the wire): limits held exactly across nodes under
 * concurrent load, the same remaining counts on every node, a leaving node's places given back, and
 * the local fallback when the store does not answer.
 */
@Timeout(120)
class ClusterRateLimiterTest {

    /** Long enough that a loaded machine never falls back by accident: only the fallback test uses a short one. */
    private static final Duration PATIENT = Duration.ofSeconds(20);

    private static final AtomicLong nowMillis = new AtomicLong(System.currentTimeMillis());
    private static final InstantSource CLOCK = () -> Instant.ofEpochMilli(nowMillis.get());

    private static LoopbackCluster cluster;
    private static final List<Vertx> nodes = new ArrayList<>();
    private static final List<RateLimiter> limiters = new ArrayList<>();
    /** What the patient limiters log: nothing, unless the store failed them. */
    private static final RecordingLogger patientLog = new RecordingLogger();

    @BeforeAll
    static void startThreeNodes() {
        cluster = new LoopbackCluster();
        for (int i = 0; i < 3; i++) {
            Vertx node = cluster.join();
            nodes.add(node);
            limiters.add(limiter(node, PATIENT, new StoreHealth(patientLog, operation -> {})));
        }
    }

    @AfterEach
    void theStoreAnsweredEveryPatientLimiter() {
        assertThat(patientLog.lines()).isEmpty();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static RateLimiter limiter(Vertx node, Duration bound, StoreHealth health) {
        return ClusterRateLimiter.start(Membership.of(node), node, CLOCK, bound, health);
    }

    @Test
    void requests_per_minute_admit_exactly_the_limit_across_three_nodes_under_concurrent_load() {
        KeyLimits limits = new KeyLimits(100L, null, null);

        List<Admission> all = together(IntStream.range(0, 3)
                .mapToObj(node -> admitMany(limiters.get(node), nodes.get(node), "rpm-race", limits, 150))
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
            nowMillis.addAndGet(1000);
            // Each node asks once a second: 180 requests a minute for a limit of 30.
            List<Admission> admissions = together(IntStream.range(0, 3)
                    .mapToObj(node -> admitMany(limiters.get(node), nodes.get(node), "rpm-slide", limits, 1))
                    .toList());
            admittedPerSecond[second] = (int) admissions.stream().filter(Admission::admitted).count();
            for (int node = 0; node < 3; node++) {
                if (admissions.get(node).admitted()) {
                    await(limiters.get(node).end("rpm-slide", 0));
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
        assertThat(admit(0, "tpm", limits).admitted()).isTrue();
        await(limiters.get(0).end("tpm", 600));

        Admission second = admit(1, "tpm", limits);
        assertThat(second.admitted()).isTrue();
        assertThat(second.tokens().remaining()).as("node 0's usage, seen on node 1").isEqualTo(400);
        await(limiters.get(1).end("tpm", 500));

        Admission third = admit(2, "tpm", limits);
        assertThat(third.refused()).isEqualTo(Limit.TOKENS_PER_MINUTE);
        assertThat(third.tokens().remaining()).isZero();
        assertThat(third.retryAfterSeconds()).isBetween(59, 60);
    }

    @Test
    void every_node_reports_the_same_remaining_counts() {
        KeyLimits limits = new KeyLimits(10L, 1000L, null);
        assertThat(admit(0, "same-counts", limits).requests().remaining()).isEqualTo(9);
        assertThat(admit(1, "same-counts", limits).requests().remaining()).isEqualTo(8);
        assertThat(admit(2, "same-counts", limits).requests().remaining()).isEqualTo(7);
        await(limiters.get(2).end("same-counts", 250));

        Set<Duration> tokenResets = new HashSet<>();
        for (int node = 0; node < 3; node++) {
            Admission admission = admit(node, "same-counts", limits);
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
                    .mapToObj(node -> admitMany(limiters.get(node), nodes.get(node), "concurrent", limits, 20))
                    .toList();
            // Every node's answers first: a place ended while another node still asks would be taken again.
            List<List<Admission>> answers = perNode.stream().map(ClusterRateLimiterTest::await).toList();
            int admitted = 0;
            for (int node = 0; node < 3; node++) {
                for (Admission admission : answers.get(node)) {
                    if (admission.admitted()) {
                        admitted++;
                        await(limiters.get(node).end("concurrent", 0));
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
        assertThat(admit(0, "racing", limits).admitted()).as("every place given back").isTrue();
    }

    /** Admits {@code times} requests one after another on {@code node}, each held 20 ms, then ended. */
    private static Future<Void> work(
            int node, String key, KeyLimits limits, int times, AtomicInteger inFlight, AtomicInteger most) {
        if (times == 0) {
            return Future.succeededFuture();
        }
        Vertx vertx = nodes.get(node);
        RateLimiter limiter = limiters.get(node);
        Promise<Void> turn = Promise.promise();
        vertx.runOnContext(start -> limiter.admit(key, limits).onComplete(result -> {
            Admission admission = result.result();
            if (!admission.admitted()) {
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

    @Test
    void a_node_that_leaves_gives_back_its_places() {
        KeyLimits limits = new KeyLimits(null, null, 2L);
        Vertx leaving = cluster.join();
        RateLimiter leavingLimiter = limiter(leaving, PATIENT, new StoreHealth(new RecordingLogger(), operation -> {}));
        assertThat(await(admitMany(leavingLimiter, leaving, "leaver", limits, 2)))
                .allMatch(Admission::admitted);
        assertThat(admit(0, "leaver", limits).refused()).isEqualTo(Limit.CONCURRENT_REQUESTS);

        cluster.leave(leaving);

        eventually(() -> admit(1, "leaver", limits).admitted());
        assertThat(admit(2, "leaver", limits).admitted()).as("both places given back").isTrue();
        assertThat(admit(0, "leaver", limits).refused()).isEqualTo(Limit.CONCURRENT_REQUESTS);
    }

    @Test
    void a_store_that_does_not_answer_leaves_the_node_counting_alone_with_one_warning() throws Exception {
        KeyLimits limits = new KeyLimits(null, null, 20L);
        RecordingLogger log = new RecordingLogger();
        GatewayMetrics metrics = GatewayMetrics.create();
        Vertx node = nodes.get(0);
        RateLimiter impatient = limiter(node, Duration.ofMillis(500), new StoreHealth(log, metrics));
        IMap<String, KeyWindow> windows =
                Membership.of(node).hazelcast().orElseThrow().getMap(ClusterRateLimiter.MAP);

        // The key's partition owner is stuck: its partition thread runs a processor that waits.
        Blocker.start();
        windows.submitToKey("stuck", new Blocker());
        try {
            assertThat(Blocker.RUNNING.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(await(admitMany(impatient, node, "stuck", limits, 5))).allMatch(Admission::admitted);
            // Now known to miss: one request asks the store, the others count alone at once.
            assertThat(await(admitMany(impatient, node, "stuck", limits, 5))).allMatch(Admission::admitted);
        } finally {
            Blocker.RELEASE.countDown();
        }

        assertThat(fallbacks(metrics)).isEqualTo(10);
        assertThat(log.lines()).singleElement().asString().startsWith("WARN The cluster's rate-limit store did not answer");
        // The six admissions the store granted late are given back: nothing of this node stays in flight there.
        eventually(() -> windows.get("stuck").inFlight() == 0);

        assertThat(admit(impatient, node, "stuck", limits).admitted()).isTrue();
        assertThat(log.lines()).hasSize(2).last().asString().startsWith("INFO The cluster's rate-limit store answers again");
        List<Admission> others = await(admitMany(limiters.get(1), nodes.get(1), "stuck", limits, 25));
        assertThat(others.stream().filter(Admission::admitted)).as("counted cluster-wide again").hasSize(19);

        for (int i = 0; i < 10; i++) {
            await(impatient.end("stuck", 0)); // the local admissions end locally
        }
        assertThat(windows.get("stuck").inFlight()).isEqualTo(20);
        assertThat(fallbacks(metrics)).isEqualTo(10);
    }

    private static double fallbacks(GatewayMetrics metrics) {
        return PrometheusText.parse(metrics.scrape()).value("junction_rate_limit_fallbacks_total", "operation", "admit");
    }

    /** Holds the partition thread it runs on until released: a partition owner that does not answer. */
    static final class Blocker implements EntryProcessor<String, KeyWindow, Void> {

        static volatile CountDownLatch RUNNING;
        static volatile CountDownLatch RELEASE;

        static void start() {
            RUNNING = new CountDownLatch(1);
            RELEASE = new CountDownLatch(1);
        }

        @Override
        public Void process(Map.Entry<String, KeyWindow> entry) {
            RUNNING.countDown();
            try {
                RELEASE.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }

        @Override
        public EntryProcessor<String, KeyWindow, Void> getBackupProcessor() {
            return null;
        }
    }

    private static Admission admit(int node, String key, KeyLimits limits) {
        return admit(limiters.get(node), nodes.get(node), key, limits);
    }

    private static Admission admit(RateLimiter limiter, Vertx node, String key, KeyLimits limits) {
        return await(admitMany(limiter, node, key, limits, 1)).get(0);
    }

    /** {@code count} admissions asked at once from {@code node}'s event loop. */
    private static Future<List<Admission>> admitMany(
            RateLimiter limiter, Vertx node, String key, KeyLimits limits, int count) {
        Promise<List<Admission>> all = Promise.promise();
        node.runOnContext(start -> {
            List<Future<Admission>> admissions = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                admissions.add(limiter.admit(key, limits));
            }
            Future.all(admissions).map(done -> done.<Admission>list()).onComplete(all);
        });
        return all.future();
    }

    /** What each future gave, flattened, once all have. */
    private static <T> List<T> together(List<? extends Future<? extends Iterable<T>>> futures) {
        List<T> all = new ArrayList<>();
        futures.forEach(future -> await(future).forEach(all::add));
        return all;
    }

    private static void eventually(Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.get()) {
            assertThat(System.nanoTime()).as("condition met within 30 s").isLessThan(deadline);
            await(nodes.get(0).timer(50, TimeUnit.MILLISECONDS));
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
