package dev.junction.gateway.support;

import dev.junction.gateway.cli.Offline;
import dev.junction.gateway.config.ClusterConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A cluster of gateways, each in a JVM of its own running the real {@code Main} with
 * {@code --cluster --config FILE --port 0} on 127.0.0.1. Every node has the same {@code gateway.yaml}
 * in a folder of its own, beside its own {@code plugins} folder holding the plugin JARs the layout
 * gives it (so a backend can live on one node only). The cluster's name is unique, and its member
 * ports a free range, so clusters of several test runs never meet. Small heaps, the serial GC and the
 * C1 compiler only keep a 3-node start to seconds on 2 cores.
 *
 * <p>JVM starts are the expensive part: {@link #shared} gives one started cluster per layout for every
 * test class of the run, stopped when the test JVM exits. A test that kills a node restarts it before
 * it ends ({@link ForkedNode#restart}). Thread-safe for the usual use: one test at a time drives it.
 */
public final class ForkedCluster implements AutoCloseable {

    /**
     * What runs where: the node count, the {@code backends:} and {@code auth:} sections every node
     * shares (each indented by two spaces; an empty {@code authYaml} asks for no key), and the plugin
     * JARs (file names in {@link TestGateway#BUILT_PLUGINS}) each node's folder holds,
     * {@code plugins.get(i)} for node {@code i + 1}.
     */
    public record Layout(String backendsYaml, String authYaml, List<List<String>> plugins) {

        public Layout {
            plugins = plugins.stream().map(List::copyOf).toList();
        }
    }

    private static final Duration MEMBERSHIP_TIMEOUT = Duration.ofSeconds(90);
    private static final Map<Layout, ForkedCluster> SHARED = new ConcurrentHashMap<>();

    private final String name = "junction-test-" + UUID.randomUUID();
    private final List<ForkedNode> nodes = new ArrayList<>();

    private ForkedCluster() {}

    /**
     * The cluster of {@code layout} that every test class of this run shares, started on first use
     * and stopped (its folder deleted) when the test JVM exits.
     */
    public static synchronized ForkedCluster shared(Layout layout) {
        return SHARED.computeIfAbsent(layout, key -> {
            try {
                Path dir = Files.createTempDirectory("junction-cluster-");
                ForkedCluster cluster = start(dir, key);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    cluster.close();
                    Offline.deleteTree(dir);
                }, "forked-cluster-stop"));
                return cluster;
            } catch (Exception e) {
                throw new IllegalStateException("the cluster did not start", e);
            }
        });
    }

    /** Starts a cluster of {@code layout} in {@code dir} and waits until every node has joined it. */
    public static ForkedCluster start(Path dir, Layout layout) throws Exception {
        long started = System.nanoTime();
        ForkedCluster cluster = new ForkedCluster();
        String yaml = cluster.yaml(layout, freeMemberPorts());
        try {
            for (int i = 0; i < layout.plugins().size(); i++) {
                Path home = Files.createDirectories(dir.resolve("node" + (i + 1)));
                Path plugins = Files.createDirectories(home.resolve("plugins"));
                for (String jar : layout.plugins().get(i)) {
                    Files.copy(TestGateway.BUILT_PLUGINS.resolve(jar), plugins.resolve(jar), StandardCopyOption.REPLACE_EXISTING);
                }
                Files.writeString(home.resolve("gateway.yaml"), yaml);
                cluster.nodes.add(new ForkedNode(cluster, i + 1, home));
            }
            cluster.launchAll();
            cluster.awaitMembers(cluster.nodes.size());
            System.out.printf("ForkedCluster: %d nodes joined in %d ms%n",
                    cluster.nodes.size(), Duration.ofNanos(System.nanoTime() - started).toMillis());
            return cluster;
        } catch (Exception | AssertionError e) {
            cluster.close();
            throw e;
        }
    }

    /** Starts every node's JVM at once (a start mostly waits), and waits until each listens. */
    private void launchAll() throws Exception {
        ExecutorService launcher = Executors.newFixedThreadPool(nodes.size());
        try {
            List<Future<?>> launches = new ArrayList<>();
            for (ForkedNode node : nodes) {
                launches.add(launcher.submit(() -> {
                    node.launch();
                    return null;
                }));
            }
            for (Future<?> launch : launches) {
                launch.get();
            }
        } finally {
            launcher.shutdown();
        }
    }

    /** Node {@code number}, from 1. */
    public ForkedNode node(int number) {
        return nodes.get(number - 1);
    }

    public List<ForkedNode> nodes() {
        return List.copyOf(nodes);
    }

    /** The cluster's name, unique to this cluster. */
    public String name() {
        return name;
    }

    /** Waits until every live node counts {@code count} nodes in the cluster. */
    public void awaitMembers(int count) throws InterruptedException {
        awaitMembers(count, MEMBERSHIP_TIMEOUT);
    }

    /** Waits up to {@code timeout} until every live node counts {@code count} nodes in the cluster. */
    public void awaitMembers(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (!nodes.stream().filter(ForkedNode::alive).allMatch(node -> node.members() == count)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("the nodes did not all count " + count + " members within "
                            + timeout + ": " + nodes);
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** How many nodes the cluster was started with. */
    int size() {
        return nodes.size();
    }

    /** Stops every node as SIGTERM does, all at once; they leave the cluster. */
    @Override
    public void close() {
        List<Thread> stopping = nodes.stream().map(node -> new Thread(node::terminate, "forked-cluster-stop")).toList();
        stopping.forEach(Thread::start);
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Wakes {@link #awaitMembers}: a node counted anew. */
    synchronized void membersChanged() {
        notifyAll();
    }

    private String yaml(Layout layout, int memberPort) {
        return "server:\n  host: 127.0.0.1\n  port: 0\n  reloadSeconds: 0\n"
                + "plugins:\n  dir: plugins\n"
                + "cluster:\n  name: " + name + "\n  host: 127.0.0.1\n  port: " + memberPort + "\n"
                + (layout.authYaml().isEmpty() ? "" : "auth:\n" + layout.authYaml())
                + "backends:\n" + layout.backendsYaml();
    }

    /** The first port of a range of {@link ClusterConfig#PORT_RANGE} that nothing listens on now. */
    public static int freeMemberPorts() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(20_000, 40_000);
            if (allFree(first)) {
                return first;
            }
        }
        throw new IOException("no free range of member ports");
    }

    private static boolean allFree(int first) {
        for (int port = first; port < first + ClusterConfig.PORT_RANGE; port++) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }
}
