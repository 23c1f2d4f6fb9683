package dev.junction.gateway.jmh;

import dev.junction.gateway.dialect.ChatResult;
import dev.junction.gateway.dialect.ChatResultCollector;
import dev.junction.gateway.dialect.DecodedRequest;
import dev.junction.gateway.dialect.ChatDialect;
import dev.junction.gateway.dialect.SseFrame;
import dev.junction.gateway.dialect.StreamEncoder;
import dev.junction.plugin.ChatEvent;
import io.vertx.core.buffer.Buffer;
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
 * An answer on its way out: canonical events to the dialect's server-sent events (one text delta in
 * the middle of a stream, and a whole 100-event stream written as {@code StreamAnswer} does, one
 * buffer per event), and a whole answer to the dialect's JSON response ({@code JsonAnswer}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class AnswerEncodeBench {

    @Param({"openai", "anthropic"})
    public String dialect;

    private ChatDialect encoder;
    private DecodedRequest request;
    private List<ChatEvent> stream;
    private ChatEvent.Finish finish;
    private ChatResult result;
    private ChatEvent.TextDelta delta;
    private StreamEncoder midStream;

    @Setup
    public void setUp() {
        encoder = Payloads.dialect(dialect);
        request = encoder.decode(Payloads.body(dialect, "short"));
        stream = Payloads.stream();
        finish = (ChatEvent.Finish) stream.get(stream.size() - 1);
        result = collect();
        delta = Payloads.textDelta();
        // A stream that has started and has a text block open: every further delta encodes alike.
        midStream = encoder.streamEncoder(request);
        stream.subList(0, 4).forEach(midStream::encode);
    }

    @Benchmark
    public List<SseFrame> textDelta() {
        return midStream.encode(delta);
    }

    @Benchmark
    public Buffer textDeltaToBuffer() {
        return SseWriteBench.asStreamAnswerDoes(midStream.encode(delta));
    }

    @Benchmark
    public void stream100Events(Blackhole blackhole) {
        StreamEncoder answer = encoder.streamEncoder(request);
        for (ChatEvent event : stream) {
            blackhole.consume(SseWriteBench.asStreamAnswerDoes(answer.encode(event)));
        }
    }

    @Benchmark
    public Buffer response() {
        return encoder.encodeResponse(result, request).toBuffer();
    }

    @Benchmark
    public Buffer collectAndResponse() {
        return encoder.encodeResponse(collect(), request).toBuffer();
    }

    private ChatResult collect() {
        ChatResultCollector collector = new ChatResultCollector(request.request().model());
        for (int i = 0; i < stream.size() - 1; i++) {
            collector.accept(stream.get(i));
        }
        return collector.finish(finish);
    }
}
