package dev.junction.gateway.fuzz;

import dev.junction.gateway.fuzz.Endpoints.Endpoint;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Mutations of the HTTP/1.1 framing, sent as raw bytes: chunked bodies with bad sizes or huge
 * extensions, bad and conflicting {@code Content-Length}s, {@code Expect}, bare line feeds, folded
 * and malformed header lines, requests cut short (the client half-closes), and pipelined requests.
 * Malformed framing must get a 4xx (an error body, when there is one, in a dialect), never a 5xx,
 * never silence.
 */
final class FramingMutations {

    private FramingMutations() {}

    static FuzzCase apply(Endpoint endpoint, HttpMessage valid, Random random) {
        HttpMessage m = valid.copy();
        boolean body = m.body.length > 0;
        return switch (random.nextInt(10)) {
            case 0 -> body ? chunked(endpoint, m, random) : truncated(endpoint, m, random);
            case 1 -> body ? contentLength(endpoint, m, random) : pipelined(endpoint, m, random);
            case 2 -> expectHeader(endpoint, m, random);
            // A head that does not parse names no path: its error may come in either dialect.
            case 3 -> new FuzzCase("bare LF line endings", endpoint.name(), Expect.ANY, Family.EITHER,
                    new String(m.wire(), StandardCharsets.ISO_8859_1).replace("\r\n", "\n").getBytes(StandardCharsets.ISO_8859_1),
                    m.isHead(), false, 1, true);
            case 4 -> malformedHeaderLine(endpoint, m, random);
            case 5, 6 -> truncated(endpoint, m, random);
            case 7 -> pipelined(endpoint, m, random);
            default -> body ? chunked(endpoint, m, random) : malformedHeaderLine(endpoint, m, random);
        };
    }

    private static FuzzCase chunked(Endpoint endpoint, HttpMessage m, Random random) {
        m.autoLength = false;
        m.set("Transfer-Encoding", "chunked");
        int half = m.body.length / 2;
        byte[] first = Arrays.copyOfRange(m.body, 0, half);
        byte[] second = Arrays.copyOfRange(m.body, half, m.body.length);
        String mutation;
        Expect expect = Expect.REJECT;
        String badSize = null;
        switch (random.nextInt(6)) {
            case 0 -> {
                mutation = "valid chunked body";
                expect = Expect.ACCEPT;
            }
            case 1 -> {
                mutation = "bad chunk size";
                badSize = List.of("zz", "-5", "ffffffffffffffff", "1 2", "", "0x10").get(random.nextInt(6));
            }
            case 2 -> {
                mutation = "huge chunk extension";
                badSize = Integer.toHexString(second.length) + ";ext=" + "e".repeat(20_000);
            }
            case 3 -> {
                mutation = "Content-Length beside chunked";
                expect = Expect.ANY;
                m.add("Content-Length", String.valueOf(m.body.length));
            }
            case 4 -> {
                mutation = "chunked and not last (gzip, chunked)";
                expect = Expect.ANY;
                m.set("Transfer-Encoding", "gzip, chunked");
            }
            default -> {
                mutation = "chunk size over the data";
                badSize = Integer.toHexString(second.length + 4096);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(m.head());
        chunk(out, Integer.toHexString(first.length), first);
        chunk(out, badSize == null ? Integer.toHexString(second.length) : badSize, second);
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        FuzzCase sent = raw(mutation, expect, endpoint, m, out.toByteArray());
        // A size over the data leaves the server waiting for the rest: the client ends its side.
        return mutation.equals("chunk size over the data") ? halfClosed(sent) : sent;
    }

    private static void chunk(ByteArrayOutputStream out, String size, byte[] data) {
        out.writeBytes((size + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(data);
        out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }

    private static FuzzCase contentLength(Endpoint endpoint, HttpMessage m, Random random) {
        int length = m.body.length;
        m.autoLength = false;
        switch (random.nextInt(4)) {
            case 0 -> {
                m.set("Content-Length", List.of("abc", "-1", "1e3", "+" + length, length + ", " + (length + 1)).get(random.nextInt(5)));
                return raw("malformed Content-Length", Expect.REJECT, endpoint, m, m.wire());
            }
            case 1 -> {
                m.set("Content-Length", String.valueOf(length)).add("Content-Length", String.valueOf(length - 1));
                return raw("two different Content-Lengths", Expect.REJECT, endpoint, m, m.wire());
            }
            case 2 -> {
                m.set("Content-Length", String.valueOf(length - 1 - random.nextInt(Math.max(1, length - 1))));
                return raw("Content-Length under the body", Expect.REJECT, endpoint, m, m.wire());
            }
            default -> {
                m.set("Content-Length", String.valueOf(length + 1 + random.nextInt(10_000)));
                return halfClosed(raw("Content-Length over the body", Expect.REJECT, endpoint, m, m.wire()));
            }
        }
    }

    private static FuzzCase expectHeader(Endpoint endpoint, HttpMessage m, Random random) {
        if (random.nextBoolean()) {
            return raw("Expect: 100-continue", Expect.ANY, endpoint, m.set("Expect", "100-continue"), m.wire());
        }
        m.set("Expect", List.of("200-ok", "fuzz", "100-continue, 200-ok").get(random.nextInt(3)));
        return raw("unknown Expect", Expect.REJECT, endpoint, m, m.wire());
    }

    private static FuzzCase malformedHeaderLine(Endpoint endpoint, HttpMessage m, Random random) {
        String line = List.of("X-Fold: a\r\n  folded", "NoColonHere", "Bad Name: v", "X-Nul: a\u0000b", "Host : spaced",
                ": no name", "X-\u00dcnicode: v").get(random.nextInt(7));
        m.headers.add(random.nextInt(m.headers.size() + 1), new String[] {line, ""});
        byte[] wire = new String(m.wire(), StandardCharsets.ISO_8859_1).replace(line + ": \r\n", line + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        return raw("malformed header line", Expect.ANY, endpoint, m, wire);
    }

    /** The request cut anywhere before its end, the client's side then closed: no answer, or a 4xx. */
    private static FuzzCase truncated(Endpoint endpoint, HttpMessage m, Random random) {
        byte[] wire = m.wire();
        return halfClosed(raw("request cut short", Expect.REJECT, endpoint, m, Arrays.copyOf(wire, random.nextInt(wire.length))));
    }

    /** Two or three copies of a valid request in one write: as many answers, each valid. */
    private static FuzzCase pipelined(Endpoint endpoint, HttpMessage m, Random random) {
        int count = 2 + random.nextInt(2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            out.writeBytes(m.wire());
        }
        return new FuzzCase("pipelined valid requests", endpoint.name(), Expect.ACCEPT, endpoint.family(), out.toByteArray(),
                m.isHead(), false, count, false);
    }

    private static FuzzCase raw(String mutation, Expect expect, Endpoint endpoint, HttpMessage m, byte[] wire) {
        return new FuzzCase(mutation, endpoint.name(), expect, endpoint.family(), wire, m.isHead(), false, 1, true);
    }

    private static FuzzCase halfClosed(FuzzCase sent) {
        return new FuzzCase(sent.mutation(), sent.endpoint(), sent.expect(), sent.family(), sent.wire(), sent.head(), true,
                sent.answers(), true);
    }
}
