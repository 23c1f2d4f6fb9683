package dev.junction.plugins.openai;

import dev.junction.http.SseEvent;
import dev.junction.http.SseParser;
import dev.junction.plugin.testkit.Golden;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
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
 * A recorded Chat Completions stream ({@code golden/streams/<fixture>}) on its way in, per whole
 * stream: {@code decode} feeds its events to a {@link ChatStreamDecoder} as the upstream client
 * does, {@code parseAndDecode} its bytes through {@link SseParser} first (both use only what older
 * commits have too, so they measure a commit before and after);
 * {@code readChunks} is the chunks' reading alone ({@link ChunkReader}), {@code parseTrees} the
 * {@code JsonObject} per chunk it replaced. Never run by the build; see the gateway's
 * {@code jmh/README.md} for how to run and read a benchmark.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class ChatStreamDecodeBench {

    @Param({"text.sse", "tool-calls-parallel.sse", "reasoning-content.sse"})
    public String fixture;

    private byte[] transcript;
    private List<String> chunks;

    @Setup
    public void setUp() {
        transcript = Golden.text("streams/" + fixture).getBytes(StandardCharsets.UTF_8);
        chunks = Golden.text("streams/" + fixture)
                .lines()
                .filter(line -> line.startsWith("data: ") && !line.equals("data: [DONE]"))
                .map(line -> line.substring("data: ".length()))
                .toList();
    }

    @Benchmark
    public void decode(Blackhole blackhole) {
        ChatStreamDecoder decoder = new ChatStreamDecoder("openai", "requested-model");
        for (String chunk : chunks) {
            decoder.onEvent(new SseEvent(null, chunk), blackhole::consume);
        }
        decoder.onEvent(new SseEvent(null, "[DONE]"), blackhole::consume);
    }

    @Benchmark
    public void parseAndDecode(Blackhole blackhole) {
        ChatStreamDecoder decoder = new ChatStreamDecoder("openai", "requested-model");
        SseParser parser = new SseParser(event -> decoder.onEvent(event, blackhole::consume));
        parser.feed(transcript);
        parser.end();
    }

    @Benchmark
    public void readChunks(Blackhole blackhole) {
        for (String chunk : chunks) {
            blackhole.consume(ChunkReader.read(chunk));
        }
    }

    @Benchmark
    public void parseTrees(Blackhole blackhole) {
        for (String chunk : chunks) {
            blackhole.consume(new JsonObject(chunk));
        }
    }
}
