package dev.junction.gateway.bus;

import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries the messages of an exchange (its events, credit and cancel) between nodes without a
 * cluster-wide registration per exchange. An exchange's own addresses ({@link Addresses#reply},
 * {@link Addresses#cancel}, {@link Addresses#credit}) have local consumers only: on a clustered
 * event bus each registration and each removal of a clustered consumer is a Hazelcast update sent
 * to every node, and with three per exchange a clustered node serving its own backend spent 3.5 to
 * 25 times the CPU per request of a node alone (BENCHMARKS.md). A message for an exchange on
 * another node goes instead to that node's relay address, registered once at start, with the
 * exchange's address in a header; the relay hands it on locally, in the order it came.
 */
public final class ExchangeRelay {

    private static final Logger LOG = LoggerFactory.getLogger(ExchangeRelay.class);
    private static final String TO = "junction-to";
    private static final DeliveryOptions LOCAL_EVENTS = new DeliveryOptions(BusCodecs.EVENTS).setLocalOnly(true);
    private static final DeliveryOptions LOCAL_JSON = new DeliveryOptions().setLocalOnly(true);

    /** Where to send the messages for one exchange address, and how. */
    public record Route(String address, DeliveryOptions options) {

        /** Sends {@code body} on this route. */
        public void send(EventBus bus, Object body) {
            bus.send(address, body, options);
        }
    }

    private ExchangeRelay() {}

    /** Registers node {@code self}'s relay on {@code bus}; its completion says when the cluster knows it. */
    public static MessageConsumer<Object> start(EventBus bus, String self) {
        return bus.consumer(Addresses.relay(self), message -> handOn(bus, message));
    }

    /** The route of {@link EventBatch}es to {@code address} on node {@code node}, from node {@code self}. */
    public static Route events(String self, String node, String address) {
        return route(self, node, address, BusCodecs.EVENTS);
    }

    /** The route of JSON messages (credit, cancel) to {@code address} on node {@code node}, from node {@code self}. */
    public static Route json(String self, String node, String address) {
        return route(self, node, address, new DeliveryOptions());
    }

    private static Route route(String self, String node, String address, DeliveryOptions options) {
        return node.equals(self)
                ? new Route(address, new DeliveryOptions(options).setLocalOnly(true))
                : new Route(Addresses.relay(node), new DeliveryOptions(options).addHeader(TO, address));
    }

    private static void handOn(EventBus bus, Message<Object> message) {
        String to = message.headers().get(TO);
        if (to == null || !Addresses.ofExchange(to)) {
            LOG.debug("A relayed message without an exchange address was dropped: {}", to);
            return;
        }
        bus.send(to, message.body(), message.body() instanceof EventBatch ? LOCAL_EVENTS : LOCAL_JSON);
    }
}
