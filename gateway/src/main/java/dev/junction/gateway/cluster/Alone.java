package dev.junction.gateway.cluster;

import com.hazelcast.core.HazelcastInstance;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/** The membership of a gateway that started without a cluster: itself only, for its whole life. */
final class Alone implements Membership {

    private final String nodeId = UUID.randomUUID().toString();

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public Set<String> nodes() {
        return Set.of(nodeId);
    }

    @Override
    public void onJoined(Consumer<String> listener) {
        // nobody ever joins
    }

    @Override
    public void onLeft(Consumer<String> listener) {
        // nobody ever leaves
    }

    @Override
    public Optional<HazelcastInstance> hazelcast() {
        return Optional.empty();
    }
}
