package dev.junction.gateway.policy.limit;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An operation on one key's {@link KeyWindow} in the cluster's store, run by Hazelcast on the
 * partition owner of the key, alone on that partition's thread (so it is atomic), and run again on
 * the backup with the same fields (so it must not read a clock: the time comes with it).
 *
 * <p>Operations are {@link DataSerializable}: a few fields on the wire and no Java serialization
 * per request; every node has the same classes (the same gateway JAR). The window itself is Java
 * serializable and stored as an object, so it crosses the network only when its partition moves.
 * Each operation is on behalf of a node, whose id it carries.
 */
abstract class WindowProcessor<R> implements EntryProcessor<String, KeyWindow, R>, DataSerializable {

    /**
     * How long a window with no request in flight stays after its last change. After 60 seconds all
     * its buckets have left the window and it counts nothing; the rest is room for clocks apart.
     */
    static final long IDLE_SECONDS = 120;

    /** The node the operation is for. */
    String nodeId;

    /** For Hazelcast, which reads the fields with {@link #readData}. */
    WindowProcessor() {}

    WindowProcessor(String nodeId) {
        this.nodeId = nodeId;
    }

    @Override
    public final void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(nodeId);
        writeFields(out);
    }

    @Override
    public final void readData(ObjectDataInput in) throws IOException {
        nodeId = in.readString();
        readFields(in);
    }

    /** Writes the fields of the operation besides the node's id. */
    abstract void writeFields(ObjectDataOutput out) throws IOException;

    /** Reads what {@link #writeFields} wrote. */
    abstract void readFields(ObjectDataInput in) throws IOException;

    /**
     * Stores {@code window} back in {@code entry}: for good while a request is in flight (its end
     * must find the place it took), else until it has been idle for {@link #IDLE_SECONDS}.
     */
    static void store(Map.Entry<String, KeyWindow> entry, KeyWindow window) {
        long ttlSeconds = window.inFlight() > 0 ? 0 : IDLE_SECONDS; // 0: never expires
        if (entry instanceof ExtendedMapEntry<String, KeyWindow> extended) {
            extended.setValue(window, ttlSeconds, TimeUnit.SECONDS);
        } else {
            entry.setValue(window);
        }
    }
}
