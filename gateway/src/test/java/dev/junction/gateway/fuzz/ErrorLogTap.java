package dev.junction.gateway.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Watches the gateway's log (the bundled logback.xml writes to {@code System.err}) while the fuzzer
 * runs: every {@code ERROR} line followed by a stack trace is counted by logger and exception class.
 * Malformed input is the client's problem, so the gateway should not log it as its own failure.
 * Everything still reaches the original stream. Install once, close to restore.
 */
final class ErrorLogTap implements AutoCloseable {

    private final PrintStream original = System.err;
    private final Map<String, Integer> errors = new TreeMap<>();
    private final Map<String, String> examples = new TreeMap<>();
    private String lastError;

    private ErrorLogTap() {
        System.setErr(new PrintStream(new Lines(), true, StandardCharsets.UTF_8));
    }

    static ErrorLogTap install() {
        return new ErrorLogTap();
    }

    private synchronized void line(String line) {
        int error = line.indexOf(" ERROR ");
        if (error >= 0) {
            lastError = line.substring(error + 7);
            return;
        }
        if (lastError != null && !line.isBlank() && !line.startsWith("\t")) {
            String exception = line.split("[: ]", 2)[0];
            String logger = lastError.split(" - ", 2)[0];
            String key = logger + " logs " + exception;
            errors.merge(key, 1, Integer::sum);
            examples.putIfAbsent(key, Printable.excerpt(lastError + " / " + line, 300));
        }
        lastError = null;
    }

    /** Each kind of ERROR with a stack trace: {@code logger logs exception-class} to its count. */
    synchronized Map<String, Integer> errors() {
        return Map.copyOf(errors);
    }

    synchronized String example(String key) {
        return examples.get(key);
    }

    @Override
    public void close() {
        System.setErr(original);
    }

    /** Forwards every byte and hands each complete line to {@link #line}. */
    private final class Lines extends OutputStream {
        private final ByteArrayOutputStream current = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            original.write(b);
            if (b == '\n') {
                line(current.toString(StandardCharsets.UTF_8));
                current.reset();
            } else if (current.size() < 4096) {
                current.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                write(bytes[i]);
            }
        }

        @Override
        public void flush() {
            original.flush();
        }
    }
}
