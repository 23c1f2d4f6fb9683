package dev.junction.gateway.jmh;

import dev.junction.gateway.dialect.ChatDialect;
import dev.junction.gateway.dialect.SseFrame;
import dev.junction.gateway.dialect.StreamEncoder;
import dev.junction.plugin.ChatEvent;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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

/**
 * The SSE writer alone: already encoded frames turned into the buffer that one {@code
 * response.write} sends. {@link #current} is what {@code StreamAnswer} does; the others are
 * candidates that write the same bytes, kept here to measure a change before making it.
 *
 * <p>{@code frames}: {@code openai_delta} is one data-only frame, {@code anthropic_delta} one named
 * frame, {@code anthropic_finish} the three frames that end an Anthropic stream whose tool
 * call block is still open ({@code content_block_stop}, {@code message_delta}, {@code message_stop}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class SseWriteBench {

    @Param({"openai_delta", "anthropic_delta", "anthropic_finish"})
    public String frames;

    private List<SseFrame> encoded;

    @Setup
    public void setUp() {
        ChatDialect dialect = Payloads.dialect(frames.startsWith("openai") ? "openai" : "anthropic");
        StreamEncoder encoder = dialect.streamEncoder(
                dialect.decode(Payloads.body(frames.startsWith("openai") ? "openai" : "anthropic", "short")));
        List<ChatEvent> stream = Payloads.stream();
        // Up to the first text delta, or to the finish with the tool call block still open.
        int last = frames.endsWith("finish") ? stream.size() - 3 : 3;
        stream.subList(0, last).forEach(encoder::encode);
        ChatEvent next = frames.endsWith("finish") ? stream.get(stream.size() - 1) : Payloads.textDelta();
        encoded = List.copyOf(encoder.encode(next));
        byte[] expected = asStreamAnswerDoes(encoded).getBytes();
        if (!Arrays.equals(expected, piecewise(encoded).getBytes())
                || !Arrays.equals(expected, bytesOnce(encoded).getBytes())) {
            throw new IllegalStateException("a candidate writes other bytes than StreamAnswer");
        }
    }

    /** What {@code StreamAnswer.write} does with the frames of one event. */
    static Buffer asStreamAnswerDoes(List<SseFrame> frames) {
        Buffer buffer = Buffer.buffer();
        for (SseFrame frame : frames) {
            buffer.appendString(frame.wire());
        }
        return buffer;
    }

    @Benchmark
    public Buffer current() {
        return asStreamAnswerDoes(encoded);
    }

    /** Candidate: no concatenated wire string, the pieces appended to the buffer one by one. */
    @Benchmark
    public Buffer piecewise() {
        return piecewise(encoded);
    }

    /** Candidate: one string for all frames, encoded to UTF-8 once into a buffer of the right size. */
    @Benchmark
    public Buffer bytesOnce() {
        return bytesOnce(encoded);
    }

    private static Buffer piecewise(List<SseFrame> frames) {
        Buffer buffer = Buffer.buffer(256);
        for (SseFrame frame : frames) {
            if (frame.event() != null) {
                buffer.appendString("event: ").appendString(frame.event()).appendString("\n");
            }
            buffer.appendString("data: ").appendString(frame.data()).appendString("\n\n");
        }
        return buffer;
    }

    private static Buffer bytesOnce(List<SseFrame> frames) {
        if (frames.size() == 1) {
            return Buffer.buffer(frames.get(0).wire().getBytes(StandardCharsets.UTF_8));
        }
        StringBuilder text = new StringBuilder(512);
        for (SseFrame frame : frames) {
            if (frame.event() != null) {
                text.append("event: ").append(frame.event()).append('\n');
            }
            text.append("data: ").append(frame.data()).append("\n\n");
        }
        return Buffer.buffer(text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
