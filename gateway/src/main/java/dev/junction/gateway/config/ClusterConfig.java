package dev.junction.gateway.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How this node joins a cluster of gateways ({@code cluster:}): Hazelcast's member settings and the
 * clustered event bus's. Used only when the gateway starts clustered ({@code cluster.enabled} or
 * {@code --cluster}); a change applies after a restart.
 *
 * @param enabled start clustered even without {@code --cluster}
 * @param name the cluster's name: nodes of another name never join
 * @param host the address Hazelcast and the event bus bind; {@code 0.0.0.0} binds every interface
 * @param port the Hazelcast member port; a node takes the next free one of {@link #PORT_RANGE}
 * @param publicHost what other nodes dial when it is not {@code host} (NAT); empty when it is
 * @param busPort the event bus's TCP port; {@code 0} picks a free one
 * @param members the TCP-IP seeds, each {@code host:port}; empty means {@code host} at ports
 *     {@code port} to {@code port + PORT_RANGE - 1} (several nodes on one machine), unless another
 *     discovery is chosen
 * @param multicast discover members by multicast instead of TCP-IP
 * @param kubernetes Hazelcast's Kubernetes discovery instead of TCP-IP, when present
 * @param tls TLS for the event bus between nodes, when present
 */
public record ClusterConfig(
        boolean enabled,
        String name,
        String host,
        int port,
        String publicHost,
        int busPort,
        List<String> members,
        boolean multicast,
        Optional<Kubernetes> kubernetes,
        Optional<Tls> tls) {

    public static final String DEFAULT_NAME = "junction";
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 5701;
    /** How many member ports a node tries from {@code port} on, and how many nodes fit on one host. */
    public static final int PORT_RANGE = 10;

    /** Not clustered unless {@code --cluster}; every setting at its default. */
    public static final ClusterConfig DEFAULTS = new ClusterConfig(
            false, DEFAULT_NAME, DEFAULT_HOST, DEFAULT_PORT, "", 0, List.of(), false, Optional.empty(), Optional.empty());

    public ClusterConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(publicHost, "publicHost");
        members = List.copyOf(members);
        Objects.requireNonNull(kubernetes, "kubernetes");
        Objects.requireNonNull(tls, "tls");
    }

    /**
     * Hazelcast's Kubernetes discovery: the members are the pods behind a service.
     *
     * @param namespace empty for the pod's own namespace
     */
    public record Kubernetes(String serviceName, String namespace) {}

    /**
     * The key and trust stores of the event bus's TLS (JKS, or PKCS#12 when the file name ends in
     * {@code .p12} or {@code .pfx}). Every node presents its key and accepts only peers its trust store
     * vouches for. {@link #toString} leaves the passwords out.
     *
     * @param keyStore absolute; a relative {@code cluster.tls.keyStore} resolves against the folder of
     *     the configuration file
     * @param trustStore as {@code keyStore}
     */
    public record Tls(Path keyStore, String keyStorePassword, Path trustStore, String trustStorePassword) {

        @Override
        public String toString() {
            return "Tls[keyStore=" + keyStore + ", trustStore=" + trustStore + "]";
        }
    }
}
