package dev.junction.gateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One loopback TCP connection to a gateway that the test writes raw bytes on, for what the HTTP
 * clients will not send: any {@code Host}, a body that stops, headers a byte at a time. Reads answers
 * framed by {@code Content-Length} and tells when the gateway closed the connection.
 */
public final class RawConnection implements AutoCloseable {

    /** An answer: status, headers (names in lower case) and body. */
    public record Answer(int status, Map<String, String> headers, String body) {}

    /** One chunk of a chunked answer (one write of the gateway's), and when it had arrived whole. */
    public record Chunk(String text, long arrivedNanos) {}

    /** A chunked answer: status, headers (names in lower case) and its chunks, the last (empty) one left out. */
    public record ChunkedAnswer(int status, Map<String, String> headers, List<Chunk> chunks) {

        public String body() {
            return chunks.stream().map(Chunk::text).collect(Collectors.joining());
        }
    }

    private final Socket socket;
    private final InputStream in;

    private RawConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    public static RawConnection open(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
        return new RawConnection(socket);
    }

    /** Posts {@code json} to {@code path} on a new connection to {@code port} and reads the chunked answer. */
    public static ChunkedAnswer postChunked(int port, String path, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try (RawConnection connection = open(port)) {
            return connection
                    .send("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                            + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n"
                            + new String(body, StandardCharsets.ISO_8859_1))
                    .readChunked();
        }
    }

    /** Writes {@code text} (ISO-8859-1) and flushes. */
    public RawConnection send(String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return this;
    }

    /** Reads one answer whose body has a {@code Content-Length}; fails after 30 s. */
    public Answer read() throws IOException {
        String head = readHead();
        Map<String, String> headers = headers(head);
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new IOException("the connection closed inside a body: " + head);
        }
        return new Answer(status(head), headers, new String(body, StandardCharsets.UTF_8));
    }

    /**
     * Reads one answer sent with {@code Transfer-Encoding: chunked}, chunk by chunk as it comes, up to
     * its last chunk, so that a test sees how the gateway's writes framed it; fails after 30 s.
     */
    public ChunkedAnswer readChunked() throws IOException {
        String head = readHead();
        List<Chunk> chunks = new ArrayList<>();
        while (true) {
            String size = readLine();
            int length = Integer.parseInt(size.split(";")[0].trim(), 16);
            if (length == 0) {
                readLine(); // the blank line after the last chunk (no trailers)
                return new ChunkedAnswer(status(head), headers(head), chunks);
            }
            byte[] data = in.readNBytes(length);
            if (data.length < length) {
                throw new IOException("the connection closed inside a chunk: " + head);
            }
            chunks.add(new Chunk(new String(data, StandardCharsets.UTF_8), System.nanoTime()));
            readLine();
        }
    }

    private static int status(String head) {
        return Integer.parseInt(head.split("\r\n")[0].split(" ")[1]);
    }

    private static Map<String, String> headers(String head) {
        String[] lines = head.split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        return headers;
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int next;
        while ((next = in.read()) != '\n') {
            if (next < 0) {
                throw new IOException("the connection closed inside a chunked answer");
            }
            if (next != '\r') {
                line.write(next);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * Waits up to {@code timeout} for the gateway to close the connection, discarding what comes;
     * true when it did (end of stream or reset), false when it is still open.
     */
    public boolean closedWithin(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        try {
            while (in.read() >= 0) {
                // what comes before the end is not the question
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true;
        }
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("the connection closed before an answer: '" + head + "'");
            }
            head.write(next);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.length() - 4);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
