package dev.junction.gateway.support;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.junction.gateway.Main;
import dev.junction.gateway.config.ClusterConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * it ends ({@link Node#restart}). Thread-safe for the usual use: one test at a time drives it.
 */
public final class ForkedCluster implements AutoCloseable {

    /**
     * What runs where: the node count, the {@code backends:} section every node shares, and the
     * plugin JARs (file names in {@link TestGateway#BUILT_PLUGINS}) each node's folder holds,
     * {@code plugins.get(i)} for node {@code i + 1}.
     */
    public record Layout(String backendsYaml, List<List<String>> plugins) {

        public Layout {
            plugins = plugins.stream().map(List::copyOf).toList();
        }

        /** Three nodes with the echo backend, whose plugin JAR only the third has. */
        public static Layout echoOnThirdOfThree() {
            return new Layout(TestGateway.echoBackend(), List.of(List.of(), List.of(), List.of("echo.jar")));
        }
    }

    /** The JVM flags of every node: a small heap and a quick start; Hazelcast's reflective access opened. */
    private static final List<String> JVM_FLAGS = List.of(
            "-Xmx128m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError",
            "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.management/sun.management=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");
    private static final Pattern MEMBERS = Pattern.compile("Cluster \\S+: (?:joined as )?node (\\S+)(?: joined| left)?, (\\d+) nodes?");
    private static final Pattern OWN_ID = Pattern.compile("Cluster \\S+: joined as node (\\S+),");
    private static final Duration MEMBERSHIP_TIMEOUT = Duration.ofSeconds(90);
    private static final Map<Layout, ForkedCluster> SHARED = new ConcurrentHashMap<>();

    private final String name = "junction-test-" + UUID.randomUUID();
    private final List<Node> nodes = new ArrayList<>();

    private ForkedCluster() {}

    /**
     * The cluster of {@code layout} that every test class of this run shares, started on first use
     * and stopped when the test JVM exits.
     */
    public static synchronized ForkedCluster shared(Layout layout) {
        return SHARED.computeIfAbsent(layout, key -> {
            try {
                Path dir = Files.createTempDirectory("junction-cluster-");
                ForkedCluster cluster = start(dir, key);
                Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "forked-cluster-stop"));
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
        String yaml = cluster.yaml(layout.backendsYaml(), freeMemberPorts());
        try {
            for (int i = 0; i < layout.plugins().size(); i++) {
                Path home = Files.createDirectories(dir.resolve("node" + (i + 1)));
                Path plugins = Files.createDirectories(home.resolve("plugins"));
                for (String jar : layout.plugins().get(i)) {
                    Files.copy(TestGateway.BUILT_PLUGINS.resolve(jar), plugins.resolve(jar), StandardCopyOption.REPLACE_EXISTING);
                }
                Files.writeString(home.resolve("gateway.yaml"), yaml);
                cluster.nodes.add(new Node(cluster, i + 1, home));
            }
            for (Node node : cluster.nodes) {
                node.launch();
            }
            cluster.awaitMembers(cluster.nodes.size());
            System.out.printf("ForkedCluster: %d nodes joined in %d ms%n",
                    cluster.nodes.size(), Duration.ofNanos(System.nanoTime() - started).toMillis());
            return cluster;
        } catch (Exception | AssertionError e) {
            cluster.close();
            throw e;
        }
    }

    /** Node {@code number}, from 1. */
    public Node node(int number) {
        return nodes.get(number - 1);
    }

    public List<Node> nodes() {
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
            while (!nodes.stream().filter(Node::alive).allMatch(node -> node.members == count)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("the nodes did not all count " + count + " members within "
                            + timeout + ": " + nodes);
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** Stops every node as SIGTERM does, all at once; they leave the cluster. */
    @Override
    public void close() {
        List<Thread> stopping = nodes.stream().map(node -> new Thread(node::stop, "forked-cluster-stop")).toList();
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

    private synchronized void membersChanged() {
        notifyAll();
    }

    private String yaml(String backendsYaml, int memberPort) {
        return "server:\n  host: 127.0.0.1\n  port: 0\n  reloadSeconds: 0\n"
                + "plugins:\n  dir: plugins\n"
                + "cluster:\n  name: " + name + "\n  host: 127.0.0.1\n  port: " + memberPort + "\n"
                + "backends:\n" + backendsYaml;
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

    /** One gateway JVM of the cluster; a killed node can be restarted from the same folder. */
    public static final class Node {

        private static final int LOG_LINES = 300;

        private final ForkedCluster cluster;
        private final int number;
        private final Path home;
        private final Deque<String> log = new ArrayDeque<>();
        private volatile ForkedGateway gateway;
        private volatile int members;
        private volatile String id;

        private Node(ForkedCluster cluster, int number, Path home) {
            this.cluster = cluster;
            this.number = number;
            this.home = home;
        }

        public int port() {
            return gateway.port();
        }

        /** {@code http://127.0.0.1:<port>} followed by {@code path}. */
        public String url(String path) {
            return "http://127.0.0.1:" + port() + path;
        }

        /** This node's id in the cluster (Hazelcast's member UUID, as {@code Membership#nodeId}). */
        public String id() {
            return id;
        }

        /** How many nodes this node last counted in the cluster. */
        public int members() {
            return members;
        }

        public boolean alive() {
            return gateway != null && gateway.alive();
        }

        /** An official OpenAI client of this node's {@code /v1} that never retries by itself. */
        public OpenAIClient openAi() {
            return OpenAIOkHttpClient.builder().baseUrl(url("/v1")).apiKey("unused").maxRetries(0).build();
        }

        /** An official Anthropic client of this node that never retries by itself. */
        public AnthropicClient anthropic() {
            return AnthropicOkHttpClient.builder().baseUrl(url("")).apiKey("unused").maxRetries(0).build();
        }

        /** The last lines this node's JVM wrote, across its restarts. */
        public synchronized List<String> log() {
            return List.copyOf(log);
        }

        /** Ends this node's JVM at once (SIGKILL): no shutdown hook, it never says goodbye. */
        public void kill() throws InterruptedException {
            gateway.kill();
        }

        /** Stops this node's JVM as SIGTERM does: it drains, then leaves the cluster. */
        public void terminate() {
            stop();
        }

        /**
         * Starts this node again after {@link #kill} or {@link #terminate}, once the others have dropped it, and waits until
         * every node counts all of them again.
         */
        public void restart() throws Exception {
            if (alive()) {
                throw new IllegalStateException("node " + number + " is running");
            }
            int size = cluster.nodes.size();
            members = 0;
            cluster.awaitMembers(size - 1);
            launch();
            cluster.awaitMembers(size);
        }

        private void launch() throws Exception {
            gateway = ForkedGateway.start(
                    JVM_FLAGS,
                    Main.class,
                    List.of("--cluster", "--config", home.resolve("gateway.yaml").toString(), "--port", "0"),
                    this::line);
        }

        private void line(String line) {
            synchronized (this) {
                log.addLast(line);
                if (log.size() > LOG_LINES) {
                    log.removeFirst();
                }
            }
            Matcher own = OWN_ID.matcher(line);
            if (own.find()) {
                id = own.group(1);
            }
            Matcher count = MEMBERS.matcher(line);
            if (count.find()) {
                members = Integer.parseInt(count.group(2));
                cluster.membersChanged();
            }
        }

        private void stop() {
            try {
                if (gateway != null) {
                    gateway.close();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public String toString() {
            return "node " + number + (alive() ? "" : " (down)") + " counting " + members + " members";
        }
    }
}
