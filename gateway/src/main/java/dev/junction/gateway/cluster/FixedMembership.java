package dev.junction.gateway.cluster;

import com.hazelcast.core.HazelcastInstance;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A membership that never changes: this node ({@code self}) and {@code others}, none of which join
 * or leave. A gateway that started without a cluster is alone in one ({@link Membership#of}).
 */
public record FixedMembership(String self, String... others) implements Membership {

    @Override
    public String nodeId() {
        return self;
    }

    @Override
    public Set<String> nodes() {
        return Stream.concat(Stream.of(self), Stream.of(others)).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public void onJoined(Consumer<String> listener) {
        // nobody joins
    }

    @Override
    public void onLeft(Consumer<String> listener) {
        // nobody leaves
    }

    @Override
    public Optional<HazelcastInstance> hazelcast() {
        return Optional.empty();
    }
}
