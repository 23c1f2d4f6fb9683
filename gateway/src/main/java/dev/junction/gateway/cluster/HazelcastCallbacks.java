package dev.junction.gateway.cluster;

import com.hazelcast.internal.util.ConcurrencyUtil;
import java.util.concurrent.ForkJoinPool;

/**
 * Where Hazelcast runs what follows its asynchronous answers (the callbacks of the futures its
 * {@code IMap.submitToKey} and the like return, including the deserialization of the result). Its
 * default is the common fork-join pool, but a new thread per callback where that pool has a single
 * thread, as on machines with one or two cores: a thread started for every rate-limit operation
 * (about three times the cost of the operation, measured with {@code ClusterAdmitBench}). There,
 * a fork-join pool of two threads takes its place, as the common pool would be on three cores.
 */
final class HazelcastCallbacks {

    private static final int THREADS = 2;

    private HazelcastCallbacks() {}

    /** Gives Hazelcast's callbacks a pool of their own when the common pool has one thread; once per process. */
    static synchronized void pooled() {
        if (ForkJoinPool.getCommonPoolParallelism() < THREADS
                && !(ConcurrencyUtil.getDefaultAsyncExecutor() instanceof ForkJoinPool)) {
            ConcurrencyUtil.setDefaultAsyncExecutor(new ForkJoinPool(THREADS));
        }
    }
}
