package dev.junction.gateway.policy.limit;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.io.IOException;
import java.util.Map;

/**
 * Gives back, in every key's window, the places in flight of a node that left the cluster: its
 * requests will never be ended. Idempotent, so every node that sees the node leave may run it.
 */
final class ReleaseProcessor extends WindowProcessor<Void> {

    private String nodeId;

    /** For Hazelcast, which reads the fields with {@link #readData}. */
    ReleaseProcessor() {}

    ReleaseProcessor(String nodeId) {
        this.nodeId = nodeId;
    }

    @Override
    public Void process(Map.Entry<String, KeyWindow> entry) {
        KeyWindow window = entry.getValue();
        if (window != null && window.release(nodeId)) {
            store(entry, window);
        }
        return null;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(nodeId);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        nodeId = in.readString();
    }
}
