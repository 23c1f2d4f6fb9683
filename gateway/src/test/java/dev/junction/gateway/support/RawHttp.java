package dev.junction.gateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * Bytes written on a socket of their own, for requests no HTTP client would send (bad framing, raw
 * bytes in a path): what came back, and whether the server closed the connection.
 */
public final class RawHttp {

    /** What the server answered, and whether it closed the connection within the wait. */
    public record Exchange(String response, boolean closed) {

        /** The status of the first response, or -1 when nothing came back. */
        public int status() {
            return response.matches("(?s)HTTP/1\\.[01] \\d{3}.*") ? Integer.parseInt(response.substring(9, 12)) : -1;
        }

        /** The body of the first response (after the blank line). */
        public String body() {
            int start = response.indexOf("\r\n\r\n");
            return start < 0 ? "" : response.substring(start + 4);
        }
    }

    private RawHttp() {}

    /** Writes {@code request} and reads until the server closes the connection or {@code waitMillis} pass. */
    public static Exchange send(int port, byte[] request, int waitMillis) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(waitMillis);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    received.write(buffer, 0, read);
                }
            } catch (SocketTimeoutException e) {
                return new Exchange(received.toString(StandardCharsets.ISO_8859_1), false);
            } catch (IOException reset) {
                return new Exchange(received.toString(StandardCharsets.ISO_8859_1), true);
            }
            return new Exchange(received.toString(StandardCharsets.ISO_8859_1), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A client that gives up: writes {@code request}, reads until {@code text} came back (at most
     * 20 s), then closes the connection with the rest of the answer unread.
     */
    public static void abortAfter(int port, byte[] request, String text) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[1024];
            while (!received.toString(StandardCharsets.ISO_8859_1).contains(text)) {
                int read = in.read(buffer);
                if (read < 0) {
                    throw new IOException("closed before " + text + " came back");
                }
                received.write(buffer, 0, read);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #send(int, byte[], int)} of ISO-8859-1 text (each char one byte). */
    public static Exchange send(int port, String request, int waitMillis) {
        return send(port, request.getBytes(StandardCharsets.ISO_8859_1), waitMillis);
    }
}
