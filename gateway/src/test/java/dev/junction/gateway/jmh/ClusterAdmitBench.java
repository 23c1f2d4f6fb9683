package dev.junction.gateway.jmh;

import com.hazelcast.core.HazelcastInstance;
import dev.junction.gateway.cluster.Membership;
import dev.junction.gateway.config.KeyLimits;
import dev.junction.gateway.policy.limit.Admission;
import dev.junction.gateway.policy.limit.RateLimiter;
import dev.junction.gateway.support.InProcessCluster;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cluster rate limiter's cost per request, one caller at a time, on two Hazelcast members in this
 * JVM (over loopback TCP): {@code admit}, {@code admitAndEnd} (what a request costs) and
 * {@code admitBatch} (a hundred at once: the cost of each when many are in flight), for a key
 * whose partition this node owns ({@code owner=local}: no network) or the other member does
 * ({@code remote}: one round trip per operation). Includes handing the answer to a Vert.x context and
 * back to the benchmark's thread. On a loaded machine the one-at-a-time figures are mostly the
 * scheduling of the four threads an answer passes through; the batch shows the work.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class ClusterAdmitBench {

    private static final int BATCH = 100;
    private static final KeyLimits LIMITS = new KeyLimits(Long.MAX_VALUE / 2, Long.MAX_VALUE / 2, null);

    @Param({"local", "remote"})
    public String owner;

    private InProcessCluster cluster;
    private Vertx node;
    private RateLimiter limiter;
    private String key;
    private final AtomicLong fallbacks = new AtomicLong();

    @Setup
    public void setUp() {
        cluster = new InProcessCluster();
        node = cluster.join();
        cluster.join();
        Membership membership = Membership.of(node);
        limiter = join(RateLimiter.forNode(membership, node, operation -> fallbacks.incrementAndGet()));
        HazelcastInstance hazelcast = membership.hazelcast().orElseThrow();
        // The second member's partitions migrate to it after it joins: measure once they have.
        while (!hazelcast.getPartitionService().isClusterSafe()
                || hazelcast.getPartitionService().getPartitions().stream().allMatch(p -> p.getOwner().localMember())) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        boolean local = owner.equals("local");
        key = IntStream.range(0, 1000)
                .mapToObj(i -> "key-" + i)
                .filter(name -> hazelcast.getPartitionService().getPartition(name).getOwner().localMember() == local)
                .findFirst()
                .orElseThrow();
    }

    @TearDown
    public void tearDown() {
        cluster.close();
        if (fallbacks.get() > 0) {
            throw new IllegalStateException(fallbacks + " operations fell back to the local limiter: not the cluster's cost");
        }
    }

    @Benchmark
    public Admission admit() {
        return join(limiter.admit(key, LIMITS));
    }

    /** A hundred admissions asked at once from one event loop, then awaited: the cost of each under load. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Object admitBatch() {
        Promise<Object> all = Promise.promise();
        node.runOnContext(start -> {
            List<Future<Admission>> admissions = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                admissions.add(limiter.admit(key, LIMITS));
            }
            Future.all(admissions).<Object>mapEmpty().onComplete(all);
        });
        return join(all.future());
    }

    @Benchmark
    public Void admitAndEnd() {
        join(limiter.admit(key, LIMITS));
        return join(limiter.end(key, 10));
    }

    private static <T> T join(Future<T> future) {
        return future.toCompletionStage().toCompletableFuture().join();
    }
}
