package dev.junction.gateway.policy.limit;

import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.junction.gateway.cluster.Membership;
import dev.junction.gateway.config.KeyLimits;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.PromiseInternal;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * A {@link RateLimiter} whose counts every node of the cluster shares, kept in the cluster itself
 * (no external store): one {@link KeyWindow} per key name in a Hazelcast map, changed only by entry
 * processors ({@link AdmitProcessor}, {@link EndProcessor}) that Hazelcast runs on the partition
 * owner of the key. Why Hazelcast's map and not Vert.x's shared data:
 *
 * <ul>
 *   <li><b>Correct:</b> a processor runs alone on its partition's thread, so checking a limit and
 *       counting the request is one atomic step: no lost update, no retry under contention, and
 *       concurrent-request limits hold exactly. Vert.x's {@code AsyncMap} would need a read and a
 *       compare-and-replace loop (retried under load) or a cluster lock, and its counters cannot
 *       hold a sliding window.
 *   <li><b>Cheap:</b> one network round trip per admit and per end, none when this node owns the
 *       key's partition. The window is stored as an object, so it is not serialized per request;
 *       a processor carries a few fields and an admission comes back as nine longs. The one backup
 *       is asynchronous: the owner answers without waiting for it (an owner that dies loses at most
 *       its last few updates, counting a little low). Measured: see {@link #BOUND}.
 *   <li><b>Time:</b> the caller's clock, as with the local limiter, so that the backup replays the
 *       very same change; nodes' clocks should agree (NTP): a skew moves the window by as much.
 *   <li><b>Nodes that leave:</b> places in flight are counted per node; when one leaves (or dies),
 *       every node gives its places back ({@link ReleaseProcessor}, idempotent), since its requests
 *       will never end. A window with nothing in flight expires after two idle minutes.
 * </ul>
 *
 * <p>When the store does not answer an operation within {@link #BOUND} (an owner paused or dying
 * before the cluster notices, a network split) or fails, the node counts alone in a
 * {@link RateLimiter#local local limiter}: the request is never failed for it; {@link StoreHealth}
 * logs once and tells the metrics. A request admitted locally is ended locally. An admission the
 * store grants after the node stopped waiting is given back at once (its request is counted in the
 * minute, not in flight). Futures complete on the caller's context; nothing blocks an event loop.
 */
final class ClusterRateLimiter implements RateLimiter {

    /** The Hazelcast map of the windows, by key name. */
    static final String MAP = "junction.rate-limits";

    /**
     * How long a request waits for the store before its node counts alone: far above an answer's
     * usual time, small beside an LLM request. Measured with {@code ClusterAdmitBench} (two members
     * on loopback, on a 2-core machine running two to six times more threads than cores, so the
     * figures are high and loose): one admit at a time took 0.1 to 0.2 ms when this node owns the
     * key's partition and 0.3 to 0.5 ms when the other does (mostly the scheduling of the threads the
     * answer passes through); with a hundred in flight, about 60 microseconds each either way.
     */
    static final Duration BOUND = Duration.ofMillis(250);

    /**
     * Runs what follows an answer on the thread that completes it, which may be a partition thread
     * of Hazelcast: only decoding the answer and handing it to a Vert.x context, never a call to
     * Hazelcast (one from a partition thread to another partition fails). Saves a hop through
     * Hazelcast's executor of callbacks ({@code cluster.HazelcastCallbacks}).
     */
    private static final Executor ON_ANSWERING_THREAD = Runnable::run;

    private static final String ADMIT = "admit";
    private static final String END = "end";

    private final Vertx vertx;
    private final IMap<String, KeyWindow> windows;
    private final String nodeId;
    private final InstantSource clock;
    private final Duration bound;
    private final StoreHealth health;
    private final RateLimiter local;
    /** Requests in flight that {@link #local} admitted, by key name: their ends go there too. */
    private final ConcurrentMap<String, Long> localPlaces = new ConcurrentHashMap<>();

    private ClusterRateLimiter(
            Vertx vertx, IMap<String, KeyWindow> windows, String nodeId, InstantSource clock, Duration bound, StoreHealth health) {
        this.vertx = vertx;
        this.windows = windows;
        this.nodeId = nodeId;
        this.clock = clock;
        this.bound = bound;
        this.health = health;
        this.local = RateLimiter.local(clock);
    }

    /** The limiter of this node of {@code membership}'s cluster, by the system clock. Blocks: call it off the event loop. */
    static ClusterRateLimiter start(Membership membership, Vertx vertx, FallbackListener fallbacks) {
        return start(membership, vertx, InstantSource.system(), BOUND,
                new StoreHealth(LoggerFactory.getLogger(ClusterRateLimiter.class), fallbacks));
    }

    /**
     * Configures the map of the windows (the same on every node), then listens for nodes that leave.
     * Blocks: call it off the event loop.
     */
    static ClusterRateLimiter start(
            Membership membership, Vertx vertx, InstantSource clock, Duration bound, StoreHealth health) {
        HazelcastInstance hazelcast = membership.hazelcast().orElseThrow();
        hazelcast.getConfig().addMapConfig(new MapConfig(MAP)
                .setInMemoryFormat(InMemoryFormat.OBJECT)
                .setBackupCount(0)
                .setAsyncBackupCount(1));
        ClusterRateLimiter limiter = new ClusterRateLimiter(
                vertx, hazelcast.getMap(MAP), membership.nodeId(), clock, bound, health);
        membership.onLeft(limiter::release);
        return limiter;
    }

    @Override
    public Future<Admission> admit(String key, KeyLimits limits) {
        if (!health.mayAsk()) {
            health.skipped(ADMIT);
            return admitLocally(key, limits);
        }
        ContextInternal context = (ContextInternal) vertx.getOrCreateContext();
        CompletionStage<Admission> answer = windows.submitToKey(key, new AdmitProcessor(limits, clock.millis(), nodeId))
                .thenApplyAsync(AdmitProcessor::admission, ON_ANSWERING_THREAD);
        return answerOr(context, ADMIT, answer, () -> admitLocally(key, limits), late -> {
            if (late.admitted()) {
                windows.submitToKey(key, new EndProcessor(0, clock.millis(), nodeId));
            }
        });
    }

    @Override
    public Future<Void> end(String key, long tokens) {
        if (takeLocalPlace(key)) {
            return local.end(key, tokens);
        }
        ContextInternal context = (ContextInternal) vertx.getOrCreateContext();
        // An end the store misses is still delivered: Hazelcast retries it, on the key's next owner
        // if the owner left. A node that loses the cluster for good leaves it, and the others free its places.
        CompletionStage<Void> answer = windows.submitToKey(key, new EndProcessor(tokens, clock.millis(), nodeId));
        return answerOr(context, END, answer, Future::succeededFuture, late -> {});
    }

    private Future<Admission> admitLocally(String key, KeyLimits limits) {
        return local.admit(key, limits).onSuccess(admission -> {
            if (admission.admitted()) {
                localPlaces.merge(key, 1L, Long::sum);
            }
        });
    }

    /** Takes one of the places {@link #local} gave {@code key}, if it has any. */
    private boolean takeLocalPlace(String key) {
        AtomicBoolean taken = new AtomicBoolean();
        localPlaces.computeIfPresent(key, (name, places) -> {
            taken.set(true);
            return places > 1 ? places - 1 : null;
        });
        return taken.get();
    }

    /**
     * The store's {@code answer} to {@code operation}, on {@code context}; or {@code fallback}'s
     * when the answer does not come within the bound or is a failure. An answer that comes after the
     * fallback was taken goes to {@code late}, on {@code context}.
     */
    private <T> Future<T> answerOr(
            ContextInternal context,
            String operation,
            CompletionStage<T> answer,
            Supplier<Future<T>> fallback,
            Consumer<T> late) {
        PromiseInternal<T> promise = context.promise();
        AtomicBoolean decided = new AtomicBoolean();
        long timer = context.setTimer(bound.toMillis(), fired -> {
            if (decided.compareAndSet(false, true)) {
                health.missed(operation, "no answer within " + bound.toMillis() + " ms");
                fallback.get().onComplete(promise);
            }
        });
        answer.whenCompleteAsync((value, failure) -> {
            if (decided.compareAndSet(false, true)) {
                vertx.cancelTimer(timer);
                if (failure == null) {
                    health.answered();
                    promise.complete(value);
                } else {
                    health.missed(operation, failure.toString());
                    fallback.get().onComplete(promise);
                }
            } else if (failure == null) {
                context.runOnContext(again -> late.accept(value));
            }
        }, ON_ANSWERING_THREAD);
        return promise.future();
    }

    /** Gives back the places in flight of node {@code node}, which left the cluster, off the event loop. */
    private void release(String node) {
        vertx.executeBlocking(() -> windows.executeOnEntries(new ReleaseProcessor(node)))
                .onFailure(failure -> LoggerFactory.getLogger(ClusterRateLimiter.class)
                        .warn("Could not give back the rate-limit places of node {}, which left: {}", node, failure.toString()));
    }
}
