package dev.junction.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads UTF-8 lines from a CLI's stdout without trusting their length: a line longer than the
 * limit fails with {@link LineTooLongException} instead of filling the heap. A line ends at
 * {@code \n}; a {@code \r} before it is dropped. Not thread-safe: one thread reads.
 */
final class LineReader {

    /** The longest line a CLI may print: 16 MiB. */
    static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

    /** A line was longer than the limit; the stream is left in the middle of it. */
    static final class LineTooLongException extends IOException {
        LineTooLongException(int limit) {
            super("line too long (over " + limit + " bytes)");
        }
    }

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private byte[] line = new byte[8 * 1024];
    private int length;

    LineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** The next line without its end, or {@code null} at the end of the stream. */
    String readLine() throws IOException {
        length = 0;
        while (true) {
            if (position == limit && !fill()) {
                return length == 0 ? null : decode();
            }
            int newline = indexOfNewline();
            int end = newline < 0 ? limit : newline;
            append(end - position);
            position = newline < 0 ? limit : newline + 1;
            if (newline >= 0) {
                return decode();
            }
        }
    }

    private boolean fill() throws IOException {
        int read = in.read(buffer);
        position = 0;
        limit = Math.max(read, 0);
        return read > 0;
    }

    private int indexOfNewline() {
        for (int i = position; i < limit; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void append(int count) throws LineTooLongException {
        if (length + count > maxLineBytes) {
            throw new LineTooLongException(maxLineBytes);
        }
        if (length + count > line.length) {
            line = Arrays.copyOf(line, Math.min(maxLineBytes, Math.max(line.length * 2, length + count)));
        }
        System.arraycopy(buffer, position, line, length, count);
        length += count;
    }

    private String decode() {
        int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        return new String(line, 0, end, StandardCharsets.UTF_8);
    }
}
