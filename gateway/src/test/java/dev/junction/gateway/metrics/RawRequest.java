package dev.junction.gateway.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One HTTP/1.1 POST on a socket of its own, for tests of clients that go away or do not read: the
 * test decides when the connection closes, and whether and when anything is read.
 */
public final class RawRequest implements AutoCloseable {

    private final Socket socket;
    private byte[] received = new byte[8192];
    private int length;

    private RawRequest(Socket socket) {
        this.socket = socket;
    }

    public static RawRequest post(int port, String path, String json) throws IOException {
        return post(port, path, json, 0);
    }

    /** @param receiveBufferBytes the socket's receive buffer, set before it connects; 0 for the system's */
    public static RawRequest post(int port, String path, String json, int receiveBufferBytes) throws IOException {
        Socket socket = new Socket();
        if (receiveBufferBytes > 0) {
            socket.setReceiveBufferSize(receiveBufferBytes);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(10_000);
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().write(body);
        socket.getOutputStream().flush();
        return new RawRequest(socket);
    }

    /**
     * Reads until what came back contains {@code text} (ASCII); fails at the end of the stream or
     * when nothing comes for 10 s. Returns all that came back so far.
     */
    public String readUntil(String text) throws IOException {
        byte[] marker = text.getBytes(StandardCharsets.US_ASCII);
        InputStream in = socket.getInputStream();
        int searched = 0;
        while (indexOf(marker, searched) < 0) {
            searched = Math.max(0, length - marker.length + 1);
            if (received.length - length < 4096) {
                received = Arrays.copyOf(received, received.length * 2);
            }
            int read = in.read(received, length, received.length - length);
            if (read < 0) {
                throw new IOException("the server closed before sending " + text + ": " + this);
            }
            length += read;
        }
        return toString();
    }

    /** The client goes away. */
    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** What came back so far. */
    @Override
    public String toString() {
        return new String(received, 0, length, StandardCharsets.UTF_8);
    }

    private int indexOf(byte[] marker, int from) {
        outer:
        for (int i = from; i + marker.length <= length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (received[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
