package dev.junction.gateway.bus;

/** Every event-bus address the gateway uses, built in one place. */
public final class Addresses {

    private static final String PREFIX = "junction.";

    private Addresses() {}

    /**
     * Where a backend takes chat requests on node {@code nodeId}: each node that hosts the backend
     * has its own address, so that the front end chooses the node ({@link NodeDirectory}).
     */
    public static String backend(String backendId, String nodeId) {
        return PREFIX + "backend." + backendId + "@" + nodeId;
    }

    /** Where this node's copy of a backend answers questions about itself (its models and availability); local to the node. */
    public static String backendInfo(String backendId) {
        return PREFIX + "backend." + backendId + ".info";
    }

    /** Where a backend counts the input tokens of a chat request on node {@code nodeId} (request and reply). */
    public static String backendCount(String backendId, String nodeId) {
        return backend(backendId, nodeId) + ".count";
    }

    /** Where a backend embeds texts on node {@code nodeId} (request and reply). */
    public static String backendEmbed(String backendId, String nodeId) {
        return backend(backendId, nodeId) + ".embed";
    }

    /** Where every node publishes its {@link NodeAnnouncement}s. */
    public static String nodes() {
        return PREFIX + "nodes";
    }

    /** Where node {@code nodeId} answers the probes of front ends that watch it ({@link ExchangeWatcher}). */
    public static String nodePing(String nodeId) {
        return PREFIX + "node." + nodeId + ".ping";
    }

    /** Where node {@code nodeId} answers with its state ({@code cluster.LocalNode}); that node alone listens there. */
    public static String nodeInfo(String nodeId) {
        return PREFIX + "node." + nodeId + ".info";
    }

    /** Where a node takes the messages of its exchanges that other nodes send ({@link ExchangeRelay}). */
    public static String relay(String nodeId) {
        return PREFIX + "node." + nodeId + ".relay";
    }

    /** Whether {@code address} is one of an exchange's own (events, cancel, credit). */
    static boolean ofExchange(String address) {
        return address.startsWith(PREFIX + "exchange.");
    }

    /** Where the events of one exchange flow to the front end that opened it. */
    public static String reply(String exchangeId) {
        return PREFIX + "exchange." + exchangeId + ".events";
    }

    /** Where the front end tells the backend to stop working on one exchange. */
    public static String cancel(String exchangeId) {
        return PREFIX + "exchange." + exchangeId + ".cancel";
    }

    /** Where the front end grants the backend credit for more events of one exchange ({@link Credit}). */
    public static String credit(String exchangeId) {
        return PREFIX + "exchange." + exchangeId + ".credit";
    }
}
