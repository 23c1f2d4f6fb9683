package dev.junction.gateway.policy.limit;

import dev.junction.gateway.config.KeyLimits;
import dev.junction.gateway.policy.limit.Admission.Budget;
import dev.junction.gateway.policy.limit.Admission.Limit;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;

/**
 * One key's counts: the requests admitted and the tokens used in each of the last 60 seconds (a
 * ring of per-second buckets, so memory is fixed per key), and the requests in flight by the node
 * that admitted them (so that the places of a node that leaves a cluster can be given back). A bucket
 * counts while it is less than 60 seconds old, so the window slides a second at a time. The same
 * window counts in one process ({@link LocalRateLimiter}) and, serialized, in the cluster's store
 * ({@link ClusterRateLimiter}). Thread-safe: every method holds the window's lock, briefly.
 */
final class KeyWindow implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int SECONDS = 60;
    private static final long SECOND_MILLIS = 1000;

    /** The epoch second each slot holds; a slot whose second is out of the window counts nothing. */
    private final long[] seconds = new long[SECONDS];

    private final long[] requests = new long[SECONDS];
    private final long[] tokens = new long[SECONDS];
    /** Requests in flight by node id; a node with none has no entry, so the map holds at most the live nodes. */
    private final HashMap<String, Long> inFlight = new HashMap<>();

    /** Admits one request that node {@code nodeId} received, or refuses it. */
    synchronized Admission admit(KeyLimits limits, Instant now, String nodeId) {
        long nowMillis = now.toEpochMilli();
        long second = Math.floorDiv(nowMillis, SECOND_MILLIS);
        long usedRequests = sum(requests, second);
        long usedTokens = sum(tokens, second);

        Limit refused = null;
        long waitMillis = 0;
        Long rpm = limits.requestsPerMinute();
        if (rpm != null && usedRequests >= rpm) {
            refused = Limit.REQUESTS_PER_MINUTE;
            waitMillis = waitBelow(requests, usedRequests, rpm, second, nowMillis);
        }
        Long tpm = limits.tokensPerMinute();
        if (tpm != null && usedTokens >= tpm) {
            long wait = waitBelow(tokens, usedTokens, tpm, second, nowMillis);
            if (refused == null || wait > waitMillis) {
                refused = Limit.TOKENS_PER_MINUTE;
                waitMillis = wait;
            }
        }
        Long concurrent = limits.concurrentRequests();
        if (concurrent != null && inFlight() >= concurrent && (refused == null || SECOND_MILLIS > waitMillis)) {
            // A place in flight may free up any moment: ask the client to come back in a second.
            refused = Limit.CONCURRENT_REQUESTS;
            waitMillis = SECOND_MILLIS;
        }

        if (refused == null) {
            requests[slot(second)]++;
            usedRequests++;
            inFlight.merge(nodeId, 1L, Long::sum);
        }
        return new Admission(
                refused,
                refused == null ? 0 : (int) Math.max(1, ceilDiv(waitMillis, SECOND_MILLIS)),
                now,
                rpm == null ? null : budget(requests, rpm, usedRequests, second, nowMillis),
                tpm == null ? null : budget(tokens, tpm, usedTokens, second, nowMillis));
    }

    /** Ends a request that node {@code nodeId} admitted, counting the tokens it used. */
    synchronized void end(long usedTokens, Instant now, String nodeId) {
        inFlight.computeIfPresent(nodeId, (node, count) -> count > 1 ? count - 1 : null);
        if (usedTokens > 0) {
            tokens[slot(Math.floorDiv(now.toEpochMilli(), SECOND_MILLIS))] += usedTokens;
        }
    }

    /** Gives back the places in flight of node {@code nodeId} (one that left the cluster); whether it had any. */
    synchronized boolean release(String nodeId) {
        return inFlight.remove(nodeId) != null;
    }

    /** The requests in flight, on every node. */
    synchronized long inFlight() {
        return inFlight.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The slot of {@code second}, emptied first when it still holds an older second. */
    private int slot(long second) {
        int slot = (int) Math.floorMod(second, SECONDS);
        if (seconds[slot] != second) {
            seconds[slot] = second;
            requests[slot] = 0;
            tokens[slot] = 0;
        }
        return slot;
    }

    /** What {@code counts} holds for the seconds in the window that ends with {@code now}. */
    private long sum(long[] counts, long now) {
        long sum = 0;
        for (long second = now - SECONDS + 1; second <= now; second++) {
            int slot = (int) Math.floorMod(second, SECONDS);
            if (seconds[slot] == second) {
                sum += counts[slot];
            }
        }
        return sum;
    }

    /** Milliseconds until enough of {@code used} leaves the window for it to fall below {@code limit}. */
    private long waitBelow(long[] counts, long used, long limit, long now, long nowMillis) {
        long left = used;
        for (long second = now - SECONDS + 1; second <= now; second++) {
            int slot = (int) Math.floorMod(second, SECONDS);
            if (seconds[slot] == second && counts[slot] > 0) {
                left -= counts[slot];
                if (left < limit) {
                    return expiry(second) - nowMillis;
                }
            }
        }
        return expiry(now) - nowMillis;
    }

    private Budget budget(long[] counts, long limit, long used, long now, long nowMillis) {
        long resetMillis = 0;
        for (long second = now; second > now - SECONDS; second--) {
            int slot = (int) Math.floorMod(second, SECONDS);
            if (seconds[slot] == second && counts[slot] > 0) {
                resetMillis = expiry(second) - nowMillis;
                break;
            }
        }
        return new Budget(limit, Math.max(0, limit - used), Duration.ofMillis(resetMillis));
    }

    /** When a bucket of {@code second} leaves the window, in epoch milliseconds. */
    private static long expiry(long second) {
        return (second + SECONDS) * SECOND_MILLIS;
    }

    private static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }
}
