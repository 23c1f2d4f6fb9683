package dev.junction.gateway.fuzz;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Structure-aware mutations of a valid JSON request: one value somewhere in the tree (any depth)
 * gets a wrong type, a huge string, deep nesting, an odd number, odd Unicode, raw control bytes
 * or invalid UTF-8; or a field the endpoint needs is removed, emptied or made huge. Which ones
 * the gateway must refuse is stated with each ({@link Expect}); {@link SyntaxMutations} breaks the
 * document itself.
 */
final class BodyMutations {

    private static final List<String> ODD_STRINGS = List.of(
            "\u202Eevil\u202C", "\uFEFFbom", "zero\u200Bwidth", "nul\u0000byte", "e\u0301\u0301\u0301\u0301",
            "\uD83D\uDE00 emoji", "\uFFFF\uFFFE", "line\u2028sep", "tab\tand\nnewline", "</script><script>",
            "%s%n%x", "${jndi:ldap://x}", "' OR 1=1 --", "\\u0000", "../../etc/passwd", "-".repeat(3) + "flag");
    private static final List<String> ODD_NUMBERS = List.of(
            "1e308", "-1e308", "123456789012345678901234567890123456789", "1e-400", "-0", "0.0000000000000000000001",
            "9223372036854775808", "-9223372036854775809", "1" + "0".repeat(5000), "0." + "1".repeat(5000), "1E+2", "-1");
    private static final int[][] INVALID_UTF8 = {
        {0xC0, 0xAF}, {0xFF}, {0xFE, 0xFF}, {0xED, 0xA0, 0x80}, {0xE2, 0x82}, {0xF8, 0x88, 0x80, 0x80, 0x80}, {0x80}
    };
    private static final int[] HUGE = {300, 5_000, 100_000, 900_000};

    private BodyMutations() {}

    /** One mutation of {@code valid}, chosen by {@code random}. */
    static Mutated apply(JsonObject valid, Random random) {
        JsonObject tree = valid.copy();
        Slot slot = randomSlot(tree, random);
        return switch (random.nextInt(14)) {
            case 0 -> value("wrong type", Expect.ANY, tree, slot, wrongType(slot.get(), random));
            case 1 -> removed(tree, random);
            case 2 -> extraField(tree, random);
            case 3 -> value("huge string", Expect.ANY, tree, slot, "x".repeat(HUGE[random.nextInt(HUGE.length)]));
            case 4 -> nesting(tree, slot, random);
            case 5 -> raw("odd number", Expect.ANY, tree, slot, RawJson.ascii(ODD_NUMBERS.get(random.nextInt(ODD_NUMBERS.size()))));
            case 6 -> nonFinite(tree, slot, random);
            case 7 -> value("odd unicode", Expect.ANY, tree, random.nextBoolean() ? contentSlot(tree) : slot,
                    ODD_STRINGS.get(random.nextInt(ODD_STRINGS.size())));
            case 8 -> raw("lone surrogate escape", Expect.ANY, tree, contentSlot(tree), RawJson.ascii("\"a\\uD800b\""));
            case 9 -> raw("raw control byte in a string", Expect.REJECT, tree, slot,
                    RawJson.quoted(List.of(0x01, 0x00, 0x1F, 0x0A, 0x09).get(random.nextInt(5))));
            case 10 -> raw("invalid UTF-8 in a string", Expect.REJECT, tree, random.nextBoolean() ? contentSlot(tree) : slot,
                    RawJson.quoted(INVALID_UTF8[random.nextInt(INVALID_UTF8.length)]));
            case 11 -> model(tree, random);
            case 12 -> roleOrType(tree, random);
            default -> SyntaxMutations.apply(tree, random);
        };
    }

    private static Object wrongType(Object current, Random random) {
        List<Object> others = new ArrayList<>(List.of(42, -1.5, true, "text", new JsonArray().add(1), new JsonObject().put("k", "v")));
        others.add(null);
        others.removeIf(other -> other != null && current != null && other.getClass() == current.getClass());
        return others.get(random.nextInt(others.size()));
    }

    private static Mutated removed(JsonObject tree, Random random) {
        List<String> fields = new ArrayList<>(tree.fieldNames());
        String field = fields.get(random.nextInt(fields.size()));
        tree.remove(field);
        boolean required = field.equals("model") || field.equals("messages") || field.equals("input");
        return json(required ? "required field '" + field + "' missing" : "optional field removed",
                required ? Expect.REJECT : Expect.ANY, tree);
    }

    private static Mutated extraField(JsonObject tree, Random random) {
        Slot slot = randomSlot(tree, random);
        JsonObject target = slot.parent() instanceof JsonObject object ? object : tree;
        target.put("x_fuzz_" + random.nextInt(1000), wrongType(null, random));
        return json("unknown extra field", Expect.ANY, tree);
    }

    private static Mutated nesting(JsonObject tree, Slot slot, Random random) {
        int depth = List.of(64, 900, 5_000, 100_000).get(random.nextInt(4));
        return raw("nesting " + depth + " deep", depth >= 100_000 ? Expect.REJECT : Expect.ANY, tree, slot,
                RawJson.nested(depth, random.nextBoolean()));
    }

    /** {@code 1e400} where a number is expected, or a NaN/Infinity token anywhere: never valid. */
    private static Mutated nonFinite(JsonObject tree, Slot slot, Random random) {
        if (random.nextBoolean()) {
            String field = List.of("temperature", "top_p", "max_tokens").get(random.nextInt(3));
            tree.put(field, RawJson.MARK);
            return new Mutated("1e400 as " + field, Expect.REJECT, RawJson.encode(tree, RawJson.ascii(random.nextBoolean() ? "1e400" : "-1e400")));
        }
        return raw("NaN or Infinity token", Expect.REJECT, tree, slot,
                RawJson.ascii(List.of("NaN", "Infinity", "-Infinity").get(random.nextInt(3))));
    }

    private static Mutated model(JsonObject tree, Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> json("empty model", Expect.REJECT, tree.put("model", ""));
            case 1 -> json("unknown model", Expect.REJECT, tree.put("model", "no-such-model-" + random.nextInt(100)));
            case 2 -> json("huge model name", Expect.REJECT, tree.put("model", "m".repeat(HUGE[random.nextInt(HUGE.length)])));
            default -> json("model with control characters", Expect.REJECT, tree.put("model", "echo\u0000\r\nX-Injected: 1"));
        };
    }

    /** A huge role or content block type: refused, and not echoed whole. */
    private static Mutated roleOrType(JsonObject tree, Random random) {
        JsonArray messages = tree.getValue("messages") instanceof JsonArray array ? array : null;
        if (messages == null || messages.isEmpty()) {
            return json("huge unknown field name", Expect.ANY, tree.put("k".repeat(5_000), 1));
        }
        JsonObject message = messages.getJsonObject(messages.size() - 1);
        String huge = "r".repeat(HUGE[random.nextInt(HUGE.length)]);
        if (random.nextBoolean()) {
            message.put("role", huge);
            return json("huge role", Expect.REJECT, tree);
        }
        message.put("content", new JsonArray().add(new JsonObject().put("type", huge).put("text", "hi")));
        return json("huge content block type", Expect.REJECT, tree);
    }

    private static Mutated value(String name, Expect expect, JsonObject tree, Slot slot, Object value) {
        slot.set(value);
        return json(name, expect, tree);
    }

    private static Mutated raw(String name, Expect expect, JsonObject tree, Slot slot, byte[] raw) {
        slot.set(RawJson.MARK);
        return new Mutated(name, expect, RawJson.encode(tree, raw));
    }

    static Mutated json(String name, Expect expect, JsonObject tree) {
        return new Mutated(name, expect, tree.encode().getBytes(StandardCharsets.UTF_8));
    }

    /** The text of the last message (where echo answers from), or the model when there is none. */
    private static Slot contentSlot(JsonObject tree) {
        Object messages = tree.getValue("messages");
        if (messages instanceof JsonArray array && !array.isEmpty() && array.getValue(array.size() - 1) instanceof JsonObject last) {
            return new Slot(last, "content", -1);
        }
        return tree.containsKey("input") ? new Slot(tree, "input", -1) : new Slot(tree, "model", -1);
    }

    /** A value somewhere in the tree (the root's fields, or deeper), uniformly over all values. */
    private static Slot randomSlot(JsonObject tree, Random random) {
        List<Slot> slots = new ArrayList<>();
        collect(tree, slots);
        return slots.get(random.nextInt(slots.size()));
    }

    private static void collect(Object node, List<Slot> slots) {
        if (node instanceof JsonObject object) {
            for (String field : object.fieldNames()) {
                slots.add(new Slot(object, field, -1));
                collect(object.getValue(field), slots);
            }
        } else if (node instanceof JsonArray array) {
            for (int i = 0; i < array.size(); i++) {
                slots.add(new Slot(array, null, i));
                collect(array.getValue(i), slots);
            }
        }
    }

    /** A place in a JSON tree: a field of an object, or an element of an array. */
    private record Slot(Object parent, String field, int index) {
        Object get() {
            return parent instanceof JsonObject object ? object.getValue(field) : ((JsonArray) parent).getValue(index);
        }

        void set(Object value) {
            if (parent instanceof JsonObject object) {
                object.put(field, value);
            } else {
                ((JsonArray) parent).set(index, value);
            }
        }
    }
}
