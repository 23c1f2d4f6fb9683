package dev.junction.gateway.support;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.junction.gateway.Main;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One gateway JVM of a {@link ForkedCluster}: the real {@code Main} with {@code --cluster}, a small
 * heap and a quick start; a killed or stopped node can be started again from the same folder.
 */
public final class ForkedNode {

    /** The key of {@link #openAi()} and {@link #anthropic()}: any key, when the cluster asks for none. */
    public static final String DEFAULT_KEY = "unused";

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

    private static final int LOG_LINES = 300;

    private final ForkedCluster cluster;
    private final int number;
    private final Path home;
    private final Deque<String> log = new ArrayDeque<>();
    private volatile ForkedGateway gateway;
    private volatile int members;
    private volatile String id;

    ForkedNode(ForkedCluster cluster, int number, Path home) {
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

    /** An official OpenAI client of this node's {@code /v1} with {@link #DEFAULT_KEY}, that never retries by itself. */
    public OpenAIClient openAi() {
        return openAi(DEFAULT_KEY);
    }

    /** An official OpenAI client of this node's {@code /v1} with {@code key}, that never retries by itself. */
    public OpenAIClient openAi(String key) {
        return OpenAIOkHttpClient.builder().baseUrl(url("/v1")).apiKey(key).maxRetries(0).build();
    }

    /** An official Anthropic client of this node with {@link #DEFAULT_KEY}, that never retries by itself. */
    public AnthropicClient anthropic() {
        return anthropic(DEFAULT_KEY);
    }

    /** An official Anthropic client of this node with {@code key}, that never retries by itself. */
    public AnthropicClient anthropic(String key) {
        return AnthropicOkHttpClient.builder().baseUrl(url("")).apiKey(key).maxRetries(0).build();
    }

    /** The bytes of this node's live objects, counted right after a full GC ({@link ForkedGateway#heapAfterGc}). */
    public long heapAfterGc() throws IOException, InterruptedException {
        return gateway.heapAfterGc();
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
        try {
            if (gateway != null) {
                gateway.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts this node again after {@link #kill} or {@link #terminate}, once the others have dropped
     * it, and waits until every node counts all of them again.
     */
    public void restart() throws Exception {
        if (alive()) {
            throw new IllegalStateException("node " + number + " is running");
        }
        int size = cluster.size();
        members = 0;
        cluster.awaitMembers(size - 1);
        launch();
        cluster.awaitMembers(size);
    }

    /** Starts this node's JVM and waits until it listens. */
    void launch() throws Exception {
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

    @Override
    public String toString() {
        return "node " + number + (alive() ? "" : " (down)") + " counting " + members + " members";
    }
}
