package dev.junction.gateway.fuzz;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Mutations of a JSON request's text that strict JSON (RFC 8259) refuses, or that are not one
 * JSON object: comments, duplicate keys, trailing commas and garbage, single quotes, truncation,
 * an empty body, an array or a scalar instead of an object. A byte-order mark may be accepted.
 */
final class SyntaxMutations {

    private SyntaxMutations() {}

    static Mutated apply(JsonObject tree, Random random) {
        String text = tree.encode();
        String firstKey = tree.fieldNames().iterator().next();
        return switch (random.nextInt(11)) {
            case 0 -> reject("block comment", "{/* fuzz */" + text.substring(1));
            case 1 -> reject("line comment", "{// fuzz\n" + text.substring(1));
            case 2 -> reject("duplicate key", "{" + Json.encode(firstKey) + ":\"dup\"," + text.substring(1));
            case 3 -> reject("trailing comma", text.substring(0, text.length() - 1) + ",}");
            case 4 -> reject("trailing garbage", text + List.of("x", "}", " {}", " 1", "\u0000").get(random.nextInt(5)));
            case 5 -> reject("single quotes", text.replace('"', '\''));
            case 6 -> new Mutated("truncated body", Expect.REJECT, Arrays.copyOf(utf8(text), random.nextInt(text.length())));
            case 7 -> reject("empty or blank body", List.of("", " ", "\r\n\t").get(random.nextInt(3)));
            case 8 -> reject("array instead of object", "[" + text + "]");
            case 9 -> reject("scalar instead of object", List.of("\"hi\"", "42", "null", "true", "1e400").get(random.nextInt(5)));
            default -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
                out.writeBytes(utf8(text));
                yield new Mutated("byte-order mark", Expect.ANY, out.toByteArray());
            }
        };
    }

    private static Mutated reject(String name, String body) {
        return new Mutated(name, Expect.REJECT, utf8(body));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
