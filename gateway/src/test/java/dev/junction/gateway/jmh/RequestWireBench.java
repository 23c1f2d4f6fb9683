package dev.junction.gateway.jmh;

import dev.junction.gateway.bus.RequestWire;
import dev.junction.plugin.ChatRequest;
import io.vertx.core.json.JsonObject;
import java.util.Map;
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

/**
 * A canonical request through the event bus codec ({@link RequestWire}): the request that the
 * Anthropic dialect decodes from the short chat or the agent-like body, marked with its client as
 * the chat handler does. The round trips wrap it in the envelope {@code BusExchange} sends and put
 * it through a {@link Transport} (see {@link EventWireBench}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class RequestWireBench {

    @Param({"short", "agent"})
    public String size;

    private ChatRequest request;
    private JsonObject encoded;

    /** The transport between encode and decode, a parameter of the round trips only. */
    @State(Scope.Thread)
    public static class Between {
        @Param({"local", "text", "buffer"})
        public String transport;

        Transport through;

        @Setup
        public void setUp() {
            through = Transport.of(transport);
        }
    }

    @Setup
    public void setUp() {
        request = Payloads.dialect("anthropic")
                .decode(Payloads.body("anthropic", size))
                .fromClient("anthropic", Map.of("anthropic-beta", "prompt-caching-2024-07-31"))
                .request();
        encoded = RequestWire.encode(request);
        for (Transport through : Transport.values()) {
            if (!RequestWire.decode(through.apply(RequestWire.encode(request))).equals(request)) {
                throw new IllegalStateException("no round trip through " + through);
            }
        }
    }

    @Benchmark
    public JsonObject encode() {
        return RequestWire.encode(request);
    }

    @Benchmark
    public ChatRequest decode() {
        return RequestWire.decode(encoded);
    }

    /** Encode, the exchange's envelope, the transport, and decode on the backend's side. */
    @Benchmark
    public ChatRequest roundTrip(Between between) {
        JsonObject envelope = new JsonObject().put("exchange", "0d9c8b7a").put("request", RequestWire.encode(request));
        return RequestWire.decode(between.through.apply(envelope).getJsonObject("request"));
    }
}
