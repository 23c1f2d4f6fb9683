package dev.junction.gateway.cluster;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * What the test plugin's backends saw, on every node of the JVM's clusters: loaded from the
 * gateway's class path, not from the plugin JAR, so it is one for all nodes and the test.
 */
public final class NodeProbe {

    /** {@code "<node>:<model>"} for each chat request a backend took. */
    public static final BlockingQueue<String> arrivals = new LinkedBlockingQueue<>();

    /** {@code "<node>:<model>"} for each chat request a backend was told to stop. */
    public static final BlockingQueue<String> cancels = new LinkedBlockingQueue<>();

    private NodeProbe() {}
}
