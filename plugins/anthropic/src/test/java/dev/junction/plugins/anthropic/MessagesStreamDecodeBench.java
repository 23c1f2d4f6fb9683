package dev.junction.plugins.anthropic;

import dev.junction.http.SseEvent;
import dev.junction.http.SseParser;
import dev.junction.plugin.testkit.Golden;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
 * A recorded Messages API stream ({@code golden/streams/<fixture>}) on its way in, per whole
 * stream: {@code decode} feeds its events to a {@link MessagesStream} (it uses only what older
 * commits have too, so it measures a commit before and after); {@code readDeltas} is the reading of
 * its {@code content_block_delta} events alone ({@link BlockDelta#read}), {@code parseTrees} the
 * {@code JsonObject} per event it replaced. Never run by the build; see the gateway's
 * {@code jmh/README.md} for how to run and read a benchmark.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class MessagesStreamDecodeBench {

    @Param({"text.sse", "tool-use-two-blocks.sse", "thinking-signature.sse"})
    public String fixture;

    private List<SseEvent> events;
    private List<String> deltas;

    @Setup
    public void setUp() {
        List<SseEvent> parsed = new ArrayList<>();
        SseParser parser = new SseParser(parsed::add);
        parser.feed(Golden.text("streams/" + fixture).getBytes(StandardCharsets.UTF_8));
        parser.end();
        events = parsed;
        deltas = parsed.stream()
                .filter(event -> "content_block_delta".equals(event.event()))
                .map(SseEvent::data)
                .toList();
    }

    @Benchmark
    public void decode(Blackhole blackhole) {
        MessagesStream stream = new MessagesStream("claude-api");
        for (SseEvent event : events) {
            stream.onEvent(event, blackhole::consume);
        }
    }

    @Benchmark
    public void readDeltas(Blackhole blackhole) {
        for (String delta : deltas) {
            blackhole.consume(BlockDelta.read(delta));
        }
    }

    @Benchmark
    public void parseTrees(Blackhole blackhole) {
        for (String delta : deltas) {
            blackhole.consume(Json.parseObject(delta));
        }
    }
}
