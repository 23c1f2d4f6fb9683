package dev.junction.gateway.jmh;

import dev.junction.gateway.bus.EventWire;
import dev.junction.plugin.ChatEvent;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Answer events through the event bus codec ({@link EventWire}), for one text delta and for a
 * whole 100-event stream. The round trips' {@code transport} is what happens between encode and decode: {@code
 * none}; {@code local}, the copy that local delivery makes of a {@link JsonObject}; {@code text},
 * {@code encode()} to a string and back, as the wire-format tests do; {@code buffer}, {@code
 * toBuffer()} and back, which is what Vert.x's JSON codec does between cluster nodes.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class EventWireBench {

    /** The transport between encode and decode, a parameter of the round trips only. */
    @State(Scope.Thread)
    public static class Between {
        @Param({"none", "local", "text", "buffer"})
        public String transport;

        Transport through;

        @Setup
        public void setUp() {
            through = Transport.of(transport);
        }
    }

    private ChatEvent delta;
    private JsonObject encodedDelta;
    private List<ChatEvent> stream;

    @Setup
    public void setUp() {
        delta = Payloads.textDelta();
        encodedDelta = EventWire.encode(delta);
        stream = Payloads.stream();
        for (Transport through : Transport.values()) {
            for (ChatEvent event : stream) {
                if (!EventWire.decode(through.apply(EventWire.encode(event))).equals(event)) {
                    throw new IllegalStateException("no round trip for " + event + " through " + through);
                }
            }
        }
    }

    @Benchmark
    public JsonObject textDeltaEncode() {
        return EventWire.encode(delta);
    }

    @Benchmark
    public ChatEvent textDeltaDecode() {
        return EventWire.decode(encodedDelta);
    }

    @Benchmark
    public ChatEvent textDeltaRoundTrip(Between between) {
        return EventWire.decode(between.through.apply(EventWire.encode(delta)));
    }

    @Benchmark
    public void stream100RoundTrip(Between between, Blackhole blackhole) {
        for (ChatEvent event : stream) {
            blackhole.consume(EventWire.decode(between.through.apply(EventWire.encode(event))));
        }
    }
}
