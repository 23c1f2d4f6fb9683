package dev.junction.gateway.jmh;

import dev.junction.gateway.dialect.DecodedRequest;
import dev.junction.gateway.dialect.ChatDialect;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
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
 * A chat request body on its way in: the HTTP body parsed to a {@link JsonObject} (as {@code
 * JsonBody} does), the dialect's decode to the canonical request, and both together.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class RequestDecodeBench {

    @Param({"openai", "anthropic"})
    public String dialect;

    @Param({"short", "agent"})
    public String size;

    private ChatDialect decoder;
    private Buffer body;
    private JsonObject parsed;

    @Setup
    public void setUp() {
        decoder = Payloads.dialect(dialect);
        body = Payloads.body(dialect, size).toBuffer();
        parsed = (JsonObject) Json.decodeValue(body);
        decoder.decode(parsed); // fails here, not in the measurement, if the payload is not valid
    }

    @Benchmark
    public Object parse() {
        return Json.decodeValue(body);
    }

    @Benchmark
    public DecodedRequest decode() {
        return decoder.decode(parsed);
    }

    @Benchmark
    public DecodedRequest parseAndDecode() {
        return decoder.decode((JsonObject) Json.decodeValue(body));
    }
}
