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
    private String nodeId;

    /** For Hazelcast, which reads the fields with {@link #readData}. */
    EndProcessor() {}

    EndProcessor(long tokens, long nowMillis, String nodeId) {
        this.tokens = tokens;
        this.nowMillis = nowMillis;
        this.nodeId = nodeId;
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
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(tokens);
        out.writeLong(nowMillis);
        out.writeString(nodeId);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        tokens = in.readLong();
        nowMillis = in.readLong();
        nodeId = in.readString();
    }
}
