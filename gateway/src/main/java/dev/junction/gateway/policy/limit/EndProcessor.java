package dev.junction.gateway.policy.limit;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/** Ends one request a node admitted in its key's window in the cluster's store, counting its tokens. */
final class EndProcessor extends WindowProcessor<Void> {

    private long tokens;
    private long nowMillis;

    /** For Hazelcast, which reads the fields with {@link #readData}. */
    EndProcessor() {}

    EndProcessor(long tokens, long nowMillis, String nodeId) {
        super(nodeId);
        this.tokens = tokens;
        this.nowMillis = nowMillis;
    }

    @Override
    public Void process(Map.Entry<String, KeyWindow> entry) {
        KeyWindow window = entry.getValue();
        if (window != null) { // else it expired: nothing in flight, nothing in its 60 seconds
            window.end(tokens, Instant.ofEpochMilli(nowMillis), nodeId);
            store(entry, window);
        }
        return null;
    }

    @Override
    void writeFields(ObjectDataOutput out) throws IOException {
        out.writeLong(tokens);
        out.writeLong(nowMillis);
    }

    @Override
    void readFields(ObjectDataInput in) throws IOException {
        tokens = in.readLong();
        nowMillis = in.readLong();
    }
}
