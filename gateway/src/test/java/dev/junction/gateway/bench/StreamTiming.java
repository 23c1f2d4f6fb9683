package dev.junction.gateway.bench;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.List;

/**
 * The timing of one SSE stream as a client sees it: when it was sent, when the first body bytes
 * arrived, when each event ended (an event ends at a blank line, {@code \n\n}; events that end in
 * the same read share its arrival time), and when the stream ended. Not thread-safe: one stream is
 * read on one event loop.
 */
final class StreamTiming {

    private final long sent;
    private long firstByte = -1;
    private long ended = -1;
    private long[] events = new long[128];
    private int eventCount;
    private int maxEventsPerRead;
    private byte previous;

    StreamTiming(long sent) {
        this.sent = sent;
    }

    void received(Buffer chunk, long now) {
        if (firstByte < 0) {
            firstByte = now;
        }
        int inThisRead = 0;
        for (int i = 0, n = chunk.length(); i < n; i++) {
            byte b = chunk.getByte(i);
            if (b == '\n' && previous == '\n') {
                if (eventCount == events.length) {
                    events = Arrays.copyOf(events, eventCount * 2);
                }
                events[eventCount++] = now;
                inThisRead++;
            }
            if (b != '\r') {
                previous = b;
            }
        }
        maxEventsPerRead = Math.max(maxEventsPerRead, inThisRead);
    }

    void ended(long now) {
        ended = now;
    }

    long ttfbNanos() {
        return (firstByte < 0 ? ended : firstByte) - sent;
    }

    long totalNanos() {
        return ended - sent;
    }

    /** The longest pause between two events, or between the first byte and the first event. */
    long maxGapNanos() {
        long max = 0;
        long last = firstByte;
        for (int i = 0; i < eventCount; i++) {
            max = Math.max(max, events[i] - last);
            last = events[i];
        }
        return max;
    }

    /**
     * The summary of many streams: percentiles of TTFB and total time, events per stream, the median
     * and largest gap between events, the largest number of events that arrived in one read, and for
     * paced streams the spread (first to last event, over the expected {@code (chunks - 1) * interval}).
     */
    static JsonObject summary(List<StreamTiming> streams, int chunks, long intervalMs, long stallMs) {
        int n = streams.size();
        long[] ttfb = new long[n];
        long[] total = new long[n];
        long[] eventsPer = new long[n];
        double[] spread = new double[n];
        long gapMax = 0;
        int burst = 0;
        int stalled = 0;
        int short_ = 0;
        int gapCount = 0;
        for (StreamTiming s : streams) {
            gapCount += Math.max(0, s.eventCount - 1);
        }
        long[] gaps = new long[gapCount];
        int g = 0;
        for (int i = 0; i < n; i++) {
            StreamTiming s = streams.get(i);
            ttfb[i] = s.ttfbNanos();
            total[i] = s.totalNanos();
            eventsPer[i] = s.eventCount;
            for (int e = 1; e < s.eventCount; e++) {
                gaps[g++] = s.events[e] - s.events[e - 1];
            }
            long max = s.maxGapNanos();
            gapMax = Math.max(gapMax, max);
            if (max > stallMs * 1_000_000L) {
                stalled++;
            }
            if (s.eventCount < chunks) {
                short_++;
            }
            burst = Math.max(burst, s.maxEventsPerRead);
            spread[i] = s.eventCount < 2 || intervalMs == 0 || chunks < 2
                    ? 0
                    : (s.events[s.eventCount - 1] - s.events[0]) / 1e6 / ((chunks - 1) * (double) intervalMs);
        }
        Arrays.sort(ttfb);
        Arrays.sort(total);
        Arrays.sort(eventsPer);
        Arrays.sort(gaps);
        Arrays.sort(spread);
        return new JsonObject()
                .put("streams", n)
                .put("chunks", chunks)
                .put("interval_ms", intervalMs)
                .put("ttfb_p50_ms", ms(percentile(ttfb, 50)))
                .put("ttfb_p99_ms", ms(percentile(ttfb, 99)))
                .put("total_p50_ms", ms(percentile(total, 50)))
                .put("total_p99_ms", ms(percentile(total, 99)))
                .put("events_min", n == 0 ? 0 : eventsPer[0])
                .put("events_p50", percentile(eventsPer, 50))
                .put("short_streams", short_)
                .put("gap_p50_ms", ms(percentile(gaps, 50)))
                .put("gap_max_ms", ms(gapMax))
                .put("stalled_streams", stalled)
                .put("stall_ms", stallMs)
                .put("max_events_per_read", burst)
                .put("spread_min", n == 0 ? 0 : Math.round(spread[0] * 1000) / 1000.0);
    }

    /** Nearest-rank percentile of a sorted array; 0 when empty. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 1e3) / 1e3;
    }
}
