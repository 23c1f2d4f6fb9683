package dev.junction.gateway.bus;

import dev.junction.gateway.cluster.Membership;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nodes of the cluster as this node last heard of them ({@link NodeAnnouncement}s), and the
 * choice of the node that serves each request of a backend: among the nodes that host it, are
 * available and are not draining, the one with the fewest answers in flight (as it announced, plus
 * what this node sent it since), ties taken in turn. A node alone chooses itself.
 *
 * <p>A node is dropped when the cluster says it left, when it was not heard from (announcements,
 * probes) for {@link #SILENT_MS}, or when it does not answer a probe ({@link ExchangeWatcher});
 * dropping it ends what is {@link #watch watched} with it: what it served for this node, and what
 * this node served for it. A node heard from again is used again. Deployed once per node;
 * thread-safe: {@link #choose} from any event loop costs a map lookup and, with several hosts, a
 * scan of them.
 */
public final class NodeDirectory extends VerticleBase {

    /** How long a request with no known host waits for a node that joined and was not heard from yet. */
    static final long NEWCOMER_WAIT_MS = 2_000;

    private static final long NEWCOMER_POLL_MS = 50;

    /** How long a node may stay silent before it is dropped (it announces itself every second). */
    static final long SILENT_MS = 3_000;

    private static final long TICK_MS = 500;
    private static final String LEFT = "left the cluster";
    private static final Logger LOG = LoggerFactory.getLogger(NodeDirectory.class);

    /**
     * One node's offer of one backend: the node, its announced answers in flight, what this node sent
     * it since that announcement, the backend's addresses there, and the client dialects it relays there.
     */
    public record Host(
            String backendId,
            String nodeId,
            int announced,
            AtomicInteger sent,
            String chat,
            String count,
            String embed,
            Set<String> relays) {

        Host(String backendId, String nodeId, int announced, Set<String> relays) {
            this(backendId, nodeId, announced, new AtomicInteger(), Addresses.backend(backendId, nodeId),
                    Addresses.backendCount(backendId, nodeId), Addresses.backendEmbed(backendId, nodeId), relays);
        }

        Host(String backendId, String nodeId, int announced) {
            this(backendId, nodeId, announced, Set.of());
        }

        /** Whether the backend there takes {@code dialect}'s clients' bytes as they are. */
        public boolean relays(String dialect) {
            return relays.contains(dialect);
        }

        int load() {
            return announced + sent.get();
        }
    }

    /** Something open with another node. */
    public interface Watched {

        /** Its node is gone ({@code why}: "left the cluster"): end it, on its own context. Any thread. */
        void lost(String nodeId, String why);
    }

    /** A node as last heard of: what it said, and its offers (with the counts of what was sent it since). */
    private record Known(NodeAnnouncement announcement, List<Host> offers) {}

    private final Membership membership;
    private final String self;
    private final Map<String, Known> nodes = new ConcurrentHashMap<>();
    private final Map<String, Long> heardNanos = new ConcurrentHashMap<>();
    private final AtomicInteger turn = new AtomicInteger();
    private final ExchangeWatcher watcher;
    /** Every backend's hosts, rebuilt at each announcement. */
    private volatile Map<String, Host[]> hosts = Map.of();
    private volatile boolean running = true;
    /** Announces this node at once: run when a node not known yet speaks, so that a newcomer learns of this one in milliseconds. */
    private volatile Runnable greet = () -> {};

    public NodeDirectory(Membership membership) {
        this.membership = membership;
        this.self = membership.nodeId();
        this.watcher = new ExchangeWatcher(this);
    }

    @Override
    public Future<?> start() {
        membership.onLeft(node -> drop(node, LEFT));
        MessageConsumer<JsonObject> announcements =
                vertx.eventBus().consumer(Addresses.nodes(), message -> heardOnBus(message.body()));
        MessageConsumer<JsonObject> pings =
                vertx.eventBus().consumer(Addresses.nodePing(self), ping -> ping.reply(new JsonObject()));
        vertx.setPeriodic(TICK_MS, tick -> {
            dropSilent();
            watcher.probe(vertx);
        });
        MessageConsumer<Object> relay = ExchangeRelay.start(vertx.eventBus(), self);
        return Future.all(announcements.completion(), pings.completion(), relay.completion());
    }

    @Override
    public Future<?> stop() {
        running = false;
        return Future.succeededFuture();
    }

    /**
     * Runs {@code announce} whenever a node this one did not know announces itself (a node that just
     * joined, or came back), instead of leaving it to wait up to a second for this node's next
     * announcement. Any thread.
     */
    public void onNewcomer(Runnable announce) {
        greet = announce;
    }

    /** This node's id. */
    public String self() {
        return self;
    }

    /** The nodes as last heard of, this one included, by id. */
    public Map<String, NodeAnnouncement> nodes() {
        Map<String, NodeAnnouncement> announcements = new HashMap<>();
        nodes.forEach((id, node) -> announcements.put(id, node.announcement()));
        return announcements;
    }

    /**
     * Something open with node {@code nodeId}, another node: {@code watched} is told should that node
     * be lost, unless {@link #unwatch unwatched} first; the node is probed while it is silent. Any thread.
     */
    public void watch(String nodeId, Watched watched) {
        watcher.watch(nodeId, watched);
    }

    public void unwatch(String nodeId, Watched watched) {
        watcher.unwatch(nodeId, watched);
    }

    /** How many exchanges and calls this node has open with other nodes, either side (watched for their loss). */
    public int openElsewhere() {
        return watcher.watched();
    }

    /** Takes in what {@code announcement}'s node says of itself; this node's own announcements come here directly. */
    public synchronized void heard(NodeAnnouncement announcement) {
        if (!running) {
            return;
        }
        List<Host> offers = new ArrayList<>();
        if (!announcement.draining()) {
            announcement.inFlight().forEach((backendId, inFlight) ->
                    offers.add(new Host(backendId, announcement.nodeId(), inFlight,
                            announcement.relays().getOrDefault(backendId, Set.of()))));
        }
        nodes.put(announcement.nodeId(), new Known(announcement, offers));
        heardNanos.put(announcement.nodeId(), System.nanoTime());
        reindex();
    }

    /**
     * The node to serve a request of {@code backendId}: the least loaded host not in {@code avoid}
     * (the nodes that failed this request), else the least loaded host; null when none is live.
     */
    public Host choose(String backendId, Set<String> avoid) {
        Host[] offered = hosts.get(backendId);
        if (offered == null) {
            return null;
        }
        if (offered.length == 1) {
            return offered[0];
        }
        Host best = leastLoaded(offered, avoid);
        if (best == null) {
            best = leastLoaded(offered, Set.of());
        }
        best.sent().incrementAndGet();
        return best;
    }

    /** Whether a live node hosts {@code backendId} and relays {@code dialect}'s clients there. Any thread. */
    public boolean relays(String backendId, String dialect) {
        Host[] offered = hosts.get(backendId);
        if (offered != null) {
            for (Host host : offered) {
                if (host.relays(dialect)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * As {@link #choose}, but when no host is known while a live node has not been heard from yet
     * (it has just joined, and its announcement is on its way), waits for its word for up to
     * {@value #NEWCOMER_WAIT_MS} ms, so that a request right after a node joins is not refused.
     * Completes on the caller's context, at once when a host is known; with null when none is.
     */
    public Future<Host> host(Vertx vertx, String backendId, Set<String> avoid) {
        Host host = choose(backendId, avoid);
        if (host != null || !someoneUnheard()) {
            return Future.succeededFuture(host);
        }
        Promise<Host> found = Promise.promise();
        awaitNewcomer(vertx, backendId, avoid, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(NEWCOMER_WAIT_MS), found);
        return found.future();
    }

    private void awaitNewcomer(Vertx vertx, String backendId, Set<String> avoid, long deadline, Promise<Host> found) {
        vertx.setTimer(NEWCOMER_POLL_MS, tick -> {
            Host host = choose(backendId, avoid);
            if (host != null || !someoneUnheard() || System.nanoTime() - deadline > 0) {
                found.complete(host);
            } else {
                awaitNewcomer(vertx, backendId, avoid, deadline, found);
            }
        });
    }

    /** Whether a live node has not announced itself here yet. */
    private boolean someoneUnheard() {
        return membership.nodes().stream().anyMatch(node -> !nodes.containsKey(node));
    }

    /** The least loaded of {@code offered} outside {@code avoid}, starting at the next turn so that ties rotate. */
    private Host leastLoaded(Host[] offered, Set<String> avoid) {
        int start = Math.floorMod(turn.getAndIncrement(), offered.length);
        Host best = null;
        for (int i = 0; i < offered.length; i++) {
            Host host = offered[(start + i) % offered.length];
            if (!avoid.contains(host.nodeId()) && (best == null || host.load() < best.load())) {
                best = host;
            }
        }
        return best;
    }

    /** The failure of a request of {@code backendId} that no live node serves, saying why when a node told. */
    public ChatEvent.Failed noHost(String backendId) {
        String why = why(backendId);
        return ChatEvent.Failed.of(ErrorKind.UNAVAILABLE, "Backend '" + backendId + "' is not available on any node"
                + (why == null ? "." : " (" + why + ")."));
    }

    private String why(String backendId) {
        Known known = nodes.get(self);
        NodeAnnouncement here = known == null ? null : known.announcement();
        if (here != null && here.unavailable().containsKey(backendId)) {
            return here.unavailable().get(backendId);
        }
        if (here != null && here.draining() && here.inFlight().containsKey(backendId)) {
            return "this node is shutting down";
        }
        for (Known other : nodes.values()) {
            NodeAnnouncement node = other.announcement();
            if (node.unavailable().containsKey(backendId)) {
                return "on node " + node.nodeId() + ": " + node.unavailable().get(backendId);
            }
        }
        return null;
    }

    /** How long ago {@code nodeId} was last heard from; {@link Long#MAX_VALUE} for a node not known. */
    long silentMillis(String nodeId) {
        Long heard = heardNanos.get(nodeId);
        return heard == null ? Long.MAX_VALUE : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - heard);
    }

    /** {@code nodeId} answered a probe. */
    void alive(String nodeId) {
        heardNanos.computeIfPresent(nodeId, (node, heard) -> System.nanoTime());
    }

    /** Forgets {@code nodeId}: ends what it served for this node and tells the listeners. Any thread; once per loss. */
    void drop(String nodeId, String why) {
        if (nodeId.equals(self) || !running) {
            return;
        }
        Known known;
        synchronized (this) {
            heardNanos.remove(nodeId);
            known = nodes.remove(nodeId);
            reindex();
        }
        // A node that left or was draining went as planned; one that went silent did not.
        if (known != null && (why.equals(LEFT) || known.announcement().draining())) {
            LOG.info("Node {} {}: what it served for this node, and this node for it, has ended", nodeId, why);
        } else if (known != null) {
            LOG.warn("Node {} {}: what it served for this node, and this node for it, has ended", nodeId, why);
        }
        watcher.lost(nodeId, why);
    }

    private void heardOnBus(JsonObject json) {
        NodeAnnouncement announcement;
        try {
            announcement = NodeAnnouncement.decode(json);
        } catch (RuntimeException malformed) {
            LOG.debug("A malformed node announcement was ignored: {}", malformed.toString());
            return;
        }
        // A node speaks for itself here only while the cluster has it: a late word from a node that left is no news.
        if (!announcement.nodeId().equals(self) && membership.nodes().contains(announcement.nodeId())) {
            boolean newcomer = !nodes.containsKey(announcement.nodeId());
            heard(announcement);
            if (newcomer) {
                greet.run();
            }
        }
    }

    private void dropSilent() {
        heardNanos.keySet().forEach(node -> {
            if (silentMillis(node) > SILENT_MS) {
                drop(node, "was not heard from for " + SILENT_MS / 1000 + " s");
            }
        });
    }

    /** Rebuilds every backend's hosts from the announcements. Under the lock. */
    private void reindex() {
        Map<String, List<Host>> byBackend = new HashMap<>();
        for (Known node : nodes.values()) {
            node.offers().forEach(host -> byBackend
                    .computeIfAbsent(host.backendId(), id -> new ArrayList<>())
                    .add(host));
        }
        Map<String, Host[]> next = new HashMap<>();
        byBackend.forEach((backendId, offered) -> next.put(backendId, offered.toArray(Host[]::new)));
        hosts = next;
    }
}
