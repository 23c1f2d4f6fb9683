package dev.junction.gateway.fuzz;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal HTTP/1.1 client on a fresh loopback socket, so that any bytes at all can be sent:
 * writes a request (or several, pipelined), reads the answers (by {@code Content-Length}, chunked,
 * or up to the close), skips interim {@code 1xx} answers, and gives up at a deadline.
 */
final class RawHttp {

    /** Bodies read beyond this are dropped (the count is kept). */
    private static final int MAX_KEPT = 4 << 20;
    private static final int MAX_HEAD = 256 << 10;

    private RawHttp() {}

    /** One answer: status, headers (lower-case names, the last one wins), body. */
    record Answer(int status, Map<String, String> headers, byte[] body, long bodyLength) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * What came back on the connection.
     *
     * @param timedOut the deadline passed before the answers (or the close) came
     * @param problem why reading stopped early (an unreadable answer, a reset), or null
     */
    record Outcome(List<Answer> answers, boolean timedOut, String problem, long millis) {}

    static Outcome exchange(int port, FuzzCase request, Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        List<Answer> answers = new ArrayList<>();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            socket.getOutputStream().write(request.wire());
            socket.getOutputStream().flush();
            if (request.closeOutput()) {
                socket.shutdownOutput();
            }
            Reader reader = new Reader(socket, deadline);
            while (answers.size() < request.answers()) {
                Answer answer = reader.answer(request.head());
                if (answer == null) {
                    break;
                }
                answers.add(answer);
                if ("close".equalsIgnoreCase(answer.headers().get("connection"))) {
                    break;
                }
            }
            return new Outcome(answers, false, null, millis(start));
        } catch (SocketTimeoutException e) {
            return new Outcome(answers, true, null, millis(start));
        } catch (IOException | RuntimeException e) {
            return new Outcome(answers, false, e.toString(), millis(start));
        }
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Reads answers off one connection. */
    private static final class Reader {
        private final Socket socket;
        private final InputStream in;
        private final long deadline;

        Reader(Socket socket, long deadline) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream(), 65536);
            this.deadline = deadline;
        }

        /** The next final answer, or null when the connection closed before one began. */
        Answer answer(boolean head) throws IOException {
            while (true) {
                String statusLine = line(true);
                if (statusLine == null) {
                    return null;
                }
                String[] parts = statusLine.split(" ", 3);
                if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                    throw new IOException("not a status line: " + Printable.excerpt(statusLine, 100));
                }
                int status = Integer.parseInt(parts[1]);
                Map<String, String> headers = new LinkedHashMap<>();
                int headBytes = 0;
                for (String line = line(false); !line.isEmpty(); line = line(false)) {
                    headBytes += line.length();
                    if (headBytes > MAX_HEAD) {
                        throw new IOException("answer head over " + MAX_HEAD + " bytes");
                    }
                    int colon = line.indexOf(':');
                    if (colon > 0) {
                        headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
                    }
                }
                if (status >= 100 && status < 200) {
                    continue;
                }
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                long length = 0;
                if (!head && status != 204 && status != 304) {
                    length = body(headers, body);
                }
                return new Answer(status, headers, body.toByteArray(), length);
            }
        }

        private long body(Map<String, String> headers, ByteArrayOutputStream body) throws IOException {
            String encoding = headers.getOrDefault("transfer-encoding", "");
            if (encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
                long total = 0;
                while (true) {
                    String size = line(false).split(";", 2)[0].trim();
                    long chunk = Long.parseLong(size, 16);
                    if (chunk == 0) {
                        while (!line(false).isEmpty()) {
                            // trailers
                        }
                        return total;
                    }
                    copy(chunk, body, total);
                    total += chunk;
                    line(false);
                }
            }
            String length = headers.get("content-length");
            if (length != null) {
                long count = Long.parseLong(length.trim());
                copy(count, body, 0);
                return count;
            }
            return copy(Long.MAX_VALUE, body, 0);
        }

        /** Copies {@code count} bytes (or up to the close when MAX_VALUE) into {@code body}, past MAX_KEPT only counted. */
        private long copy(long count, ByteArrayOutputStream body, long before) throws IOException {
            byte[] buffer = new byte[16384];
            long copied = 0;
            while (copied < count) {
                tick();
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, count - copied));
                if (read < 0) {
                    if (count == Long.MAX_VALUE) {
                        return copied;
                    }
                    throw new IOException("the connection closed inside a body");
                }
                long room = MAX_KEPT - before - copied;
                if (room > 0) {
                    body.write(buffer, 0, (int) Math.min(read, room));
                }
                copied += read;
            }
            return copied;
        }

        /** One CRLF-terminated line (ISO-8859-1); null at a clean close before it when {@code first}. */
        private String line(boolean first) throws IOException {
            StringBuilder line = new StringBuilder();
            while (true) {
                tick();
                int b = in.read();
                if (b < 0) {
                    if (first && line.length() == 0) {
                        return null;
                    }
                    throw new IOException("the connection closed inside an answer head");
                }
                if (b == '\n') {
                    int end = line.length();
                    return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
                }
                if (line.length() > MAX_HEAD) {
                    throw new IOException("an answer line over " + MAX_HEAD + " bytes");
                }
                line.append((char) b);
            }
        }

        /** Shortens the socket's read timeout to what is left before the deadline. */
        private void tick() throws IOException {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new SocketTimeoutException("deadline");
            }
            socket.setSoTimeout((int) Math.max(1, left));
        }
    }
}
