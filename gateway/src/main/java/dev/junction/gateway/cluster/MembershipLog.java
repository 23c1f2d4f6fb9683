package dev.junction.gateway.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a clustered node's view of its cluster at INFO: the nodes when it has joined, then each node
 * that joins or leaves, with the count. Hazelcast's own log stays at WARN; these lines are the
 * membership changes an operator needs.
 */
public final class MembershipLog {

    private static final Logger LOG = LoggerFactory.getLogger(MembershipLog.class);

    private MembershipLog() {}

    /** Logs the cluster {@code name} as {@code membership} sees it now, and each change from now on. */
    public static void follow(Membership membership, String name) {
        membership.onJoined(id -> LOG.info("Cluster {}: node {} joined, {}", name, id, count(membership)));
        membership.onLeft(id -> LOG.info("Cluster {}: node {} left, {}", name, id, count(membership)));
        LOG.info("Cluster {}: joined as node {}, {}", name, membership.nodeId(), count(membership));
    }

    private static String count(Membership membership) {
        int nodes = membership.nodes().size();
        return nodes == 1 ? "1 node" : nodes + " nodes";
    }
}
