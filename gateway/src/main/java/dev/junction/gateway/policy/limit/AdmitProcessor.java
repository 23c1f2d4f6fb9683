package dev.junction.gateway.policy.limit;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import dev.junction.gateway.config.KeyLimits;
import dev.junction.gateway.policy.limit.Admission.Budget;
import dev.junction.gateway.policy.limit.Admission.Limit;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Admits one request in its key's window in the cluster's store, or refuses it; creates the window
 * on the key's first request. Answers the {@link Admission} as a few longs ({@link #admission} reads
 * them), cheaper on the wire than the record.
 */
final class AdmitProcessor extends WindowProcessor<long[]> {

    private static final long NONE = -1;

    private KeyLimits limits;
    private long nowMillis;

    /** For Hazelcast, which reads the fields with {@link #readData}. */
    AdmitProcessor() {}

    AdmitProcessor(KeyLimits limits, long nowMillis, String nodeId) {
        super(nodeId);
        this.limits = limits;
        this.nowMillis = nowMillis;
    }

    @Override
    public long[] process(Map.Entry<String, KeyWindow> entry) {
        KeyWindow window = entry.getValue() == null ? new KeyWindow() : entry.getValue();
        Admission admission = window.admit(limits, Instant.ofEpochMilli(nowMillis), nodeId);
        store(entry, window);
        return wire(admission);
    }

    @Override
    void writeFields(ObjectDataOutput out) throws IOException {
        out.writeLong(orNone(limits.requestsPerMinute()));
        out.writeLong(orNone(limits.tokensPerMinute()));
        out.writeLong(orNone(limits.concurrentRequests()));
        out.writeLong(nowMillis);
    }

    @Override
    void readFields(ObjectDataInput in) throws IOException {
        limits = new KeyLimits(orNull(in.readLong()), orNull(in.readLong()), orNull(in.readLong()));
        nowMillis = in.readLong();
    }

    /** The admission that {@link #process} answered as longs. */
    static Admission admission(long[] wire) {
        return new Admission(
                wire[0] == NONE ? null : Limit.values()[(int) wire[0]],
                (int) wire[1],
                Instant.ofEpochMilli(wire[2]),
                budget(wire, 3),
                budget(wire, 6));
    }

    private static long[] wire(Admission admission) {
        long[] wire = new long[9];
        wire[0] = admission.refused() == null ? NONE : admission.refused().ordinal();
        wire[1] = admission.retryAfterSeconds();
        wire[2] = admission.at().toEpochMilli();
        put(wire, 3, admission.requests());
        put(wire, 6, admission.tokens());
        return wire;
    }

    private static void put(long[] wire, int at, Budget budget) {
        wire[at] = budget == null ? NONE : budget.limit();
        wire[at + 1] = budget == null ? 0 : budget.remaining();
        wire[at + 2] = budget == null ? 0 : budget.reset().toMillis();
    }

    private static Budget budget(long[] wire, int at) {
        return wire[at] == NONE ? null : new Budget(wire[at], wire[at + 1], Duration.ofMillis(wire[at + 2]));
    }

    private static long orNone(Long limit) {
        return limit == null ? NONE : limit;
    }

    private static Long orNull(long limit) {
        return limit == NONE ? null : limit;
    }
}
