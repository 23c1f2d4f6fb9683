package dev.junction.gateway.policy.limit;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.util.Map;

/**
 * Gives back, in every key's window, the places in flight of a node that left the cluster: its
 * requests will never be ended. Idempotent, so every node that sees the node leave may run it.
 */
final class ReleaseProcessor extends WindowProcessor<Void> {

    /** For Hazelcast, which reads the fields with {@link #readData}. */
    ReleaseProcessor() {}

    /** @param nodeId the node that left */
    ReleaseProcessor(String nodeId) {
        super(nodeId);
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
    void writeFields(ObjectDataOutput out) {
        // the node's id is all
    }

    @Override
    void readFields(ObjectDataInput in) {
        // the node's id is all
    }
}
