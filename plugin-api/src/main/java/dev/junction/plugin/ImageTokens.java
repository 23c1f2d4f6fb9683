package dev.junction.plugin;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The input tokens an image costs, by Anthropic's documented formula: width × height / 750, for an
 * image scaled down to at most about {@value #MAX_TOKENS} tokens (a long edge of 1,568 pixels).
 * The size is read from the header of an inline PNG, JPEG, GIF or WebP; an image whose size is not
 * known (by URL, or of another format) counts as the largest, {@value #MAX_TOKENS}, so that an
 * estimate errs towards compacting a conversation early rather than late. Pure.
 */
final class ImageTokens {

    /** What the largest image costs after the provider scales it down. */
    static final int MAX_TOKENS = 1600;

    private static final int PIXELS_PER_TOKEN = 750;

    /** How much of the base64 data is decoded to find the size: a JPEG's frame header may follow its metadata. */
    private static final int HEADER_BASE64_CHARS = 256 * 1024;

    private ImageTokens() {}

    static int of(ContentPart.Image image) {
        if (image.data() == null) {
            return MAX_TOKENS;
        }
        int[] size = size(header(image.data()));
        if (size == null || size[0] <= 0 || size[1] <= 0) {
            return MAX_TOKENS;
        }
        long tokens = ((long) size[0] * size[1] + PIXELS_PER_TOKEN - 1) / PIXELS_PER_TOKEN;
        return (int) Math.min(MAX_TOKENS, tokens);
    }

    private static byte[] header(String base64) {
        String head = base64.length() <= HEADER_BASE64_CHARS ? base64 : base64.substring(0, HEADER_BASE64_CHARS);
        try {
            return Base64.getMimeDecoder().decode(head.substring(0, head.length() - head.length() % 4));
        } catch (IllegalArgumentException notBase64) {
            return new byte[0];
        }
    }

    /** {width, height}, or {@code null} for a format or header it does not know. */
    static int[] size(byte[] b) {
        if (b.length >= 24 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return new int[] {int32(b, 16), int32(b, 20)};
        }
        if (b.length >= 10 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F') {
            return new int[] {le16(b, 6), le16(b, 8)};
        }
        if (b.length >= 30 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E') {
            return webp(b);
        }
        if (b.length >= 4 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8) {
            return jpeg(b);
        }
        return null;
    }

    private static int[] webp(byte[] b) {
        String chunk = new String(b, 12, 4, StandardCharsets.US_ASCII);
        return switch (chunk) {
            case "VP8 " -> new int[] {le16(b, 26) & 0x3FFF, le16(b, 28) & 0x3FFF};
            case "VP8L" -> {
                int bits = (b[21] & 0xFF) | (b[22] & 0xFF) << 8 | (b[23] & 0xFF) << 16 | (b[24] & 0xFF) << 24;
                yield new int[] {(bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1};
            }
            case "VP8X" -> new int[] {le24(b, 24) + 1, le24(b, 27) + 1};
            default -> null;
        };
    }

    /** The first start-of-frame marker's height and width; markers before it are skipped by their length. */
    private static int[] jpeg(byte[] b) {
        int i = 2;
        while (i + 9 < b.length) {
            if ((b[i] & 0xFF) != 0xFF) {
                return null;
            }
            int marker = b[i + 1] & 0xFF;
            boolean startOfFrame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (startOfFrame) {
                return new int[] {be16(b, i + 7), be16(b, i + 5)};
            }
            i += 2 + be16(b, i + 2);
        }
        return null;
    }

    private static int int32(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    private static int be16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    private static int le16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static int le24(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16;
    }
}
