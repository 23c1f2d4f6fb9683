package dev.junction.gateway.policy.limit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.cluster.Membership;
import dev.junction.gateway.config.KeyLimits;
import dev.junction.gateway.support.InProcessCluster;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Nodes of a {@link InProcessCluster} in this JVM, each with a cluster rate limiter by one clock the
 * test may move, and the asks the tests make of them. The limiters wait for the store so long that
 * a loaded machine never makes them fall back by accident; what they log ({@link #patientLog}) must
 * stay empty.
 */
final class LimiterNodes implements AutoCloseable {

    private static final Duration PATIENT = Duration.ofSeconds(20);

    private final AtomicLong nowMillis = new AtomicLong(System.currentTimeMillis());
    private final InstantSource clock = () -> Instant.ofEpochMilli(nowMillis.get());
    private final InProcessCluster cluster = new InProcessCluster();
    private final List<Vertx> nodes = new ArrayList<>();
    private final List<RateLimiter> limiters = new ArrayList<>();
    private final RecordingLogger patientLog = new RecordingLogger();

    /** {@code count} nodes, started one after the other. */
    static LimiterNodes start(int count) {
        LimiterNodes started = new LimiterNodes();
        for (int i = 0; i < count; i++) {
            started.join();
        }
        return started;
    }

    /** Starts one more node; its index is the number of nodes before it. */
    Vertx join() {
        Vertx node = cluster.join();
        nodes.add(node);
        limiters.add(limiter(node, PATIENT, new StoreHealth(patientLog, operation -> {})));
        return node;
    }

    /** Closes node {@code index}: it leaves the cluster. */
    void leave(int index) {
        cluster.leave(nodes.get(index));
    }

    /** Another limiter on node {@code index}, waiting for the store at most {@code bound}. */
    RateLimiter limiter(int index, Duration bound, StoreHealth health) {
        return limiter(nodes.get(index), bound, health);
    }

    private RateLimiter limiter(Vertx node, Duration bound, StoreHealth health) {
        return ClusterRateLimiter.start(Membership.of(node), node, clock, bound, health);
    }

    Vertx node(int index) {
        return nodes.get(index);
    }

    RateLimiter limiter(int index) {
        return limiters.get(index);
    }

    /** What the patient limiters logged. */
    List<String> patientLog() {
        return patientLog.lines();
    }

    /** Moves the limiters' clock on by {@code time}. */
    void advance(Duration time) {
        nowMillis.addAndGet(time.toMillis());
    }

    Admission admit(int index, String key, KeyLimits limits) {
        return admit(limiters.get(index), index, key, limits);
    }

    /** One admission by {@code limiter}, asked on node {@code index}'s event loop. */
    Admission admit(RateLimiter limiter, int index, String key, KeyLimits limits) {
        return await(admitMany(limiter, index, key, limits, 1)).get(0);
    }

    Future<List<Admission>> admitMany(int index, String key, KeyLimits limits, int count) {
        return admitMany(limiters.get(index), index, key, limits, count);
    }

    /** {@code count} admissions by {@code limiter}, asked at once on node {@code index}'s event loop. */
    Future<List<Admission>> admitMany(RateLimiter limiter, int index, String key, KeyLimits limits, int count) {
        Promise<List<Admission>> all = Promise.promise();
        nodes.get(index).runOnContext(start -> {
            List<Future<Admission>> admissions = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                admissions.add(limiter.admit(key, limits));
            }
            Future.all(admissions).map(done -> done.<Admission>list()).onComplete(all);
        });
        return all.future();
    }

    void end(int index, String key, long tokens) {
        await(limiters.get(index).end(key, tokens));
    }

    /** Waits until {@code condition} holds, asking again every 50 ms, for 30 seconds at most. */
    void eventually(Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.get()) {
            assertThat(System.nanoTime()).as("condition met within 30 s").isLessThan(deadline);
            await(nodes.get(0).timer(50, TimeUnit.MILLISECONDS));
        }
    }

    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        cluster.close();
    }
}
