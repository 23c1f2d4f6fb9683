package dev.junction.gateway.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * The hot spots of a JFR recording as Markdown: CPU samples ({@code jdk.ExecutionSample}) by top
 * frame (self), by method anywhere on the stack (inclusive), by Junction's own methods on the
 * stack, and by the library of the top frame; allocation samples by class and by the first frame
 * outside the JDK; the bytes allocated (from the heap before each collection against after the
 * previous one) and, given the request count of the recorded run, per request; collections and
 * their pauses.
 *
 * <pre>
 * java -cp GATEWAY_TEST_CLASSPATH dev.junction.gateway.bench.JfrTop RECORDING.jfr [TOP_N [REQUESTS]] > profile.md
 * </pre>
 */
public final class JfrTop {

    private JfrTop() {}

    public static void main(String[] args) throws IOException {
        Path recording = Path.of(args[0]);
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        long requests = args.length > 2 ? Long.parseLong(args[2]) : 0;
        Map<String, Long> own = new HashMap<>();
        Map<String, Long> threads = new HashMap<>();
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> inclusive = new HashMap<>();
        Map<String, Long> library = new HashMap<>();
        Map<String, Long> allocationSites = new HashMap<>();
        Map<String, Long> allocationClasses = new HashMap<>();
        long samples = 0;
        long allocated = 0;
        long heapAllocated = 0;
        long heapAfterLast = -1;
        long collections = 0;
        Duration pauses = Duration.ZERO;
        Duration longestPause = Duration.ZERO;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            String type = event.getEventType().getName();
            switch (type) {
                case "jdk.ExecutionSample" -> {
                    List<RecordedFrame> frames = frames(event.getStackTrace());
                    if (frames.isEmpty()) {
                        continue;
                    }
                    samples++;
                    threads.merge(thread(event), 1L, Long::sum);
                    String topFrame = name(frames.get(0));
                    self.merge(topFrame, 1L, Long::sum);
                    library.merge(library(topFrame), 1L, Long::sum);
                    Set<String> seen = new HashSet<>();
                    for (RecordedFrame frame : frames) {
                        if (seen.add(name(frame))) {
                            inclusive.merge(name(frame), 1L, Long::sum);
                            if (name(frame).startsWith("dev.junction.") && !name(frame).contains("$$Lambda")) {
                                own.merge(name(frame), 1L, Long::sum);
                            }
                        }
                    }
                }
                case "jdk.ObjectAllocationSample" -> {
                    long weight = event.getLong("weight");
                    allocated += weight;
                    String objectClass = event.getClass("objectClass").getName();
                    allocationClasses.merge(objectClass, weight, Long::sum);
                    allocationSites.merge(firstOutsideJdk(frames(event.getStackTrace())) + " → " + objectClass, weight, Long::sum);
                }
                case "jdk.GCHeapSummary" -> {
                    long used = event.getLong("heapUsed");
                    if ("Before GC".equals(event.getString("when"))) {
                        heapAllocated += heapAfterLast < 0 ? 0 : Math.max(0, used - heapAfterLast);
                    } else {
                        heapAfterLast = used;
                    }
                }
                case "jdk.GarbageCollection" -> {
                    collections++;
                    Duration pause = event.getDuration("sumOfPauses");
                    pauses = pauses.plus(pause);
                    longestPause = longestPause.compareTo(pause) < 0 ? pause : longestPause;
                }
                default -> {
                    // not summarised
                }
            }
        }
        StringBuilder md = new StringBuilder();
        md.append("CPU samples: ").append(samples).append(". Allocated between collections: ")
                .append(heapAllocated >> 20).append(" MiB");
        if (requests > 0) {
            md.append(" for ").append(requests).append(" requests, ")
                    .append(String.format("%.1f KiB per request", heapAllocated / 1024.0 / requests));
        }
        md.append(". Garbage collections: ").append(collections)
                .append(", pauses ").append(pauses.toMillis()).append(" ms in total, longest ")
                .append(String.format("%.1f", longestPause.toNanos() / 1e6)).append(" ms.\n\n");
        table(md, "CPU by thread", "thread", threads, samples, top);
        table(md, "CPU by library of the top frame", "library", library, samples, top);
        table(md, "CPU by top frame (self)", "method", self, samples, top);
        table(md, "CPU by method on the stack (inclusive)", "method", inclusive, samples, top);
        table(md, "CPU by Junction method on the stack (inclusive)", "method", own, samples, top);
        table(md, "Allocation by class", "class", allocationClasses, allocated, 15);
        table(md, "Allocation by first non-JDK frame", "site → class", allocationSites, allocated, top);
        System.out.print(md);
    }

    /** The sampled thread's name. */
    private static String thread(RecordedEvent event) {
        RecordedThread thread = event.getThread("sampledThread");
        return thread == null || thread.getJavaName() == null ? "(unknown)" : thread.getJavaName();
    }

    private static List<RecordedFrame> frames(RecordedStackTrace stack) {
        return stack == null ? List.of() : stack.getFrames();
    }

    private static String name(RecordedFrame frame) {
        RecordedMethod method = frame.getMethod();
        return method.getType().getName() + "." + method.getName();
    }

    private static String firstOutsideJdk(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String name = name(frame);
            if (!name.startsWith("java.") && !name.startsWith("jdk.") && !name.startsWith("sun.")) {
                return name;
            }
        }
        return frames.isEmpty() ? "(no stack)" : name(frames.get(0));
    }

    /** The library a method belongs to: its package cut after the third segment (io.netty.buffer, dev.junction.gateway). */
    private static String library(String method) {
        String[] parts = method.split("\\.");
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < Math.min(3, parts.length - 2); i++) {
            name.append(i == 0 ? "" : ".").append(parts[i]);
        }
        return name.isEmpty() ? method : name.toString();
    }

    private static void table(StringBuilder md, String title, String what, Map<String, Long> counts, long total, int top) {
        md.append("**").append(title).append("**\n\n| ").append(what).append(" | share |\n|---|---:|\n");
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(top)
                .forEach(e -> md.append("| `").append(e.getKey()).append("` | ")
                        .append(String.format("%.1f %%", total == 0 ? 0 : 100.0 * e.getValue() / total))
                        .append(" |\n"));
        md.append('\n');
    }
}
