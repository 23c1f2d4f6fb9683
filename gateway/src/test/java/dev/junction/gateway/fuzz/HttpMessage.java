package dev.junction.gateway.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An HTTP/1.1 request being built and mutated: request line, headers in order (names as written,
 * duplicates allowed), body bytes. {@link #wire} writes it with a {@code Content-Length} that
 * matches the body unless a mutation set one or asked for none. Not thread-safe.
 */
final class HttpMessage {

    String method;
    String target;
    String version = "HTTP/1.1";
    final List<String[]> headers = new ArrayList<>();
    byte[] body;
    /** Whether {@link #wire} adds the {@code Content-Length} of the body when no header sets one. */
    boolean autoLength = true;

    HttpMessage(String method, String target, byte[] body) {
        this.method = method;
        this.target = target;
        this.body = body;
    }

    HttpMessage copy() {
        HttpMessage copy = new HttpMessage(method, target, body);
        copy.version = version;
        headers.forEach(header -> copy.headers.add(header.clone()));
        copy.autoLength = autoLength;
        return copy;
    }

    /** Replaces every header {@code name} (any case) with one. */
    HttpMessage set(String name, String value) {
        remove(name);
        headers.add(new String[] {name, value});
        return this;
    }

    HttpMessage add(String name, String value) {
        headers.add(new String[] {name, value});
        return this;
    }

    HttpMessage remove(String name) {
        headers.removeIf(header -> header[0].equalsIgnoreCase(name));
        return this;
    }

    /** The first value of header {@code name} (any case), or null. */
    String header(String name) {
        return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst().orElse(null);
    }

    boolean isHead() {
        return method.toUpperCase(Locale.ROOT).equals("HEAD");
    }

    /** The request head: request line and headers, then the empty line. */
    byte[] head() {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(' ').append(version).append("\r\n");
        for (String[] header : headers) {
            head.append(header[0]).append(": ").append(header[1]).append("\r\n");
        }
        boolean framed = header("Content-Length") != null || header("Transfer-Encoding") != null;
        if (autoLength && !framed && (body.length > 0 || !method.equals("GET") && !method.equals("HEAD"))) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The whole request as it goes on the wire. */
    byte[] wire() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 512);
        out.writeBytes(head());
        out.writeBytes(body);
        return out.toByteArray();
    }
}
