package dev.junction.gateway.cluster;

import java.util.List;
import java.util.Optional;

/**
 * What the live nodes of the cluster said of themselves at one moment, the asking node first.
 * Pure.
 */
public record ClusterSnapshot(List<NodeAnswer> nodes) {

    /**
     * One node's answer: its report, or why there is none.
     *
     * @param report null when the node did not answer
     * @param failure why the node did not answer; null when it did
     */
    public record NodeAnswer(String id, NodeReport report, String failure) {

        public static NodeAnswer of(NodeReport report) {
            return new NodeAnswer(report.id(), report, null);
        }

        public static NodeAnswer unreachable(String id, String failure) {
            return new NodeAnswer(id, null, failure);
        }

        public boolean reachable() {
            return report != null;
        }

        /** How this node runs {@code backendId}, when it answered and has it configured. */
        public Optional<NodeReport.Hosting> hosting(String backendId) {
            return reachable() ? Optional.ofNullable(report.backends().get(backendId)) : Optional.empty();
        }
    }

    public ClusterSnapshot {
        nodes = List.copyOf(nodes);
    }

    /** The ids of the nodes that run {@code backendId} and say it is available. */
    public List<String> hosts(String backendId) {
        return nodes.stream()
                .filter(node -> node.hosting(backendId).filter(NodeReport.Hosting::available).isPresent())
                .map(NodeAnswer::id)
                .toList();
    }

    /** The models {@code backendId} lists on any node that answered, each once, in the order the nodes gave them. */
    public List<String> models(String backendId) {
        return nodes.stream()
                .flatMap(node -> node.hosting(backendId).stream())
                .flatMap(hosting -> hosting.models().stream())
                .distinct()
                .toList();
    }
}
