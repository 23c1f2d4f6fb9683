package dev.junction.gateway.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** The membership of a clustered gateway, as its Hazelcast member sees the cluster. */
final class HazelcastMembership implements Membership {

    private final HazelcastInstance hazelcast;

    HazelcastMembership(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
    }

    @Override
    public String nodeId() {
        return hazelcast.getCluster().getLocalMember().getUuid().toString();
    }

    @Override
    public Set<String> nodes() {
        return hazelcast.getCluster().getMembers().stream()
                .map(member -> member.getUuid().toString())
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public void onJoined(Consumer<String> listener) {
        hazelcast.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                listener.accept(id(event.getMember()));
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                // not this listener's business
            }
        });
    }

    @Override
    public void onLeft(Consumer<String> listener) {
        hazelcast.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                // not this listener's business
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                listener.accept(id(event.getMember()));
            }
        });
    }

    @Override
    public Optional<HazelcastInstance> hazelcast() {
        return Optional.of(hazelcast);
    }

    private static String id(Member member) {
        return member.getUuid().toString();
    }
}
