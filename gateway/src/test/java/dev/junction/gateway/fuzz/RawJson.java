package dev.junction.gateway.fuzz;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * JSON text with raw tokens spliced in where a JSON tree cannot hold them ({@code NaN},
 * {@code 1e400}, invalid UTF-8, a 100,000-deep array): a mutation puts {@link #MARK} as a string
 * value, and {@link #encode} replaces the quoted mark with the raw bytes.
 */
final class RawJson {

    static final String MARK = "@@junction-fuzz-raw@@";

    private RawJson() {}

    /** {@code tree} encoded, its (single) quoted {@link #MARK} replaced by {@code raw}. */
    static byte[] encode(JsonObject tree, byte[] raw) {
        String text = tree.encode();
        String quoted = '"' + MARK + '"';
        int at = text.indexOf(quoted);
        if (at < 0) {
            throw new IllegalStateException("no mark in " + Printable.excerpt(text, 200));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + raw.length);
        out.writeBytes(text.substring(0, at).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(raw);
        out.writeBytes(text.substring(at + quoted.length()).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** {@code "a<bytes>b"}: a JSON string around raw bytes. */
    static byte[] quoted(int... bytes) {
        byte[] out = new byte[bytes.length + 4];
        out[0] = '"';
        out[1] = 'a';
        for (int i = 0; i < bytes.length; i++) {
            out[i + 2] = (byte) bytes[i];
        }
        out[out.length - 2] = 'b';
        out[out.length - 1] = '"';
        return out;
    }

    /** {@code depth} nested arrays or objects around {@code 1}. */
    static byte[] nested(int depth, boolean arrays) {
        StringBuilder text = new StringBuilder(depth * (arrays ? 2 : 6) + 1);
        text.append((arrays ? "[" : "{\"a\":").repeat(depth)).append('1').append((arrays ? "]" : "}").repeat(depth));
        return ascii(text.toString());
    }
}
