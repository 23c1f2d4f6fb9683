package dev.junction.gateway.metrics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 POST on a socket of its own, for tests of clients that go away: the test decides when
 * the connection closes, whether or not anything came back.
 */
final class RawRequest implements AutoCloseable {

    private final Socket socket;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    private RawRequest(Socket socket) {
        this.socket = socket;
    }

    static RawRequest post(int port, String path, String json) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().write(body);
        socket.getOutputStream().flush();
        return new RawRequest(socket);
    }

    /** Reads until what came back contains {@code text}; fails at the end of the stream or after 10 s. */
    String readUntil(String text) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        while (!received.toString(StandardCharsets.UTF_8).contains(text)) {
            int read = in.read(buffer);
            if (read < 0) {
                throw new IOException("the server closed before sending " + text + ": " + received);
            }
            received.write(buffer, 0, read);
        }
        return received.toString(StandardCharsets.UTF_8);
    }

    /** The client goes away. */
    @Override
    public void close() throws IOException {
        socket.close();
    }
}
