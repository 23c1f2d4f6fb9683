package dev.junction.gateway.policy.limit;

import static dev.junction.gateway.policy.limit.LimiterNodes.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import dev.junction.gateway.cluster.Membership;
import dev.junction.gateway.config.KeyLimits;
import dev.junction.gateway.metrics.GatewayMetrics;
import dev.junction.gateway.policy.limit.Admission.Limit;
import dev.junction.gateway.support.PrometheusText;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The cluster limiter when nodes fail: a node that leaves gives back its places, and a store that
 * does not answer in time leaves the node counting alone, logging once, counting each fallback in
 * the metrics and never failing a request.
 */
@Timeout(120)
class ClusterRateLimiterFailuresTest {

    private static LimiterNodes nodes;

    @BeforeAll
    static void startTwoNodes() {
        nodes = LimiterNodes.start(2);
    }

    @AfterAll
    static void stop() {
        nodes.close();
    }

    @Test
    void a_node_that_leaves_gives_back_its_places() {
        KeyLimits limits = new KeyLimits(null, null, 2L);
        nodes.join();
        assertThat(await(nodes.admitMany(2, "leaver", limits, 2))).allMatch(Admission::admitted);
        assertThat(nodes.admit(0, "leaver", limits).refused()).isEqualTo(Limit.CONCURRENT_REQUESTS);

        nodes.leave(2);

        nodes.eventually(() -> nodes.admit(1, "leaver", limits).admitted());
        assertThat(nodes.admit(0, "leaver", limits).admitted()).as("both places given back").isTrue();
        assertThat(nodes.admit(1, "leaver", limits).refused()).isEqualTo(Limit.CONCURRENT_REQUESTS);
        assertThat(nodes.patientLog()).isEmpty();
    }

    @Test
    void a_store_that_does_not_answer_leaves_the_node_counting_alone_with_one_warning() throws Exception {
        KeyLimits limits = new KeyLimits(null, null, 20L);
        RecordingLogger log = new RecordingLogger();
        GatewayMetrics metrics = GatewayMetrics.create();
        RateLimiter impatient = nodes.limiter(0, Duration.ofMillis(500), new StoreHealth(log, metrics));
        IMap<String, KeyWindow> windows =
                Membership.of(nodes.node(0)).hazelcast().orElseThrow().getMap(ClusterRateLimiter.MAP);

        // The key's partition owner is stuck: its partition thread runs a processor that waits.
        Blocker.start();
        windows.submitToKey("stuck", new Blocker());
        try {
            assertThat(Blocker.running.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(await(nodes.admitMany(impatient, 0, "stuck", limits, 5))).allMatch(Admission::admitted);
            // Now known to miss: one request asks the store, the others count alone at once.
            assertThat(await(nodes.admitMany(impatient, 0, "stuck", limits, 5))).allMatch(Admission::admitted);
        } finally {
            Blocker.release.countDown();
        }

        assertThat(fallbacks(metrics)).isEqualTo(10);
        assertThat(log.lines()).singleElement().asString().startsWith("WARN The cluster's rate-limit store did not answer");
        // The six admissions the store granted late are given back: nothing of this node stays in flight there.
        nodes.eventually(() -> windows.get("stuck").inFlight() == 0);

        assertThat(nodes.admit(impatient, 0, "stuck", limits).admitted()).isTrue();
        assertThat(log.lines()).hasSize(2).last().asString().startsWith("INFO The cluster's rate-limit store answers again");
        List<Admission> others = await(nodes.admitMany(1, "stuck", limits, 25));
        assertThat(others.stream().filter(Admission::admitted)).as("counted cluster-wide again").hasSize(19);

        for (int i = 0; i < 10; i++) {
            await(impatient.end("stuck", 0)); // the local admissions end locally
        }
        assertThat(windows.get("stuck").inFlight()).isEqualTo(20);
        assertThat(fallbacks(metrics)).isEqualTo(10);
        assertThat(nodes.patientLog()).isEmpty();
    }

    private static double fallbacks(GatewayMetrics metrics) {
        return PrometheusText.parse(metrics.scrape()).value("junction_rate_limit_fallbacks_total", "operation", "admit");
    }

    /** Holds the partition thread it runs on until released: a partition owner that does not answer. */
    static final class Blocker implements EntryProcessor<String, KeyWindow, Void> {

        static volatile CountDownLatch running;
        static volatile CountDownLatch release;

        static void start() {
            running = new CountDownLatch(1);
            release = new CountDownLatch(1);
        }

        @Override
        public Void process(Map.Entry<String, KeyWindow> entry) {
            running.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
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
}
