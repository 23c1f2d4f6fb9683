package dev.junction.gateway.http;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Strict UTF-8 validation (RFC 3629): refuses overlong forms ({@code C0 AF}, which lenient decoders
 * read as {@code /}), surrogates, code points above U+10FFFF and truncated sequences. One pass, no
 * allocation; ASCII goes eight bytes at a time.
 */
final class Utf8 {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    private Utf8() {}

    /** The offset of the first byte that does not start a valid UTF-8 sequence, or -1 when all are valid. */
    static int firstInvalid(byte[] bytes) {
        int i = 0;
        int length = bytes.length;
        while (i < length) {
            while (i + 8 <= length && ((long) LONGS.get(bytes, i) & HIGH_BITS) == 0) {
                i += 8;
            }
            if (i == length) {
                break;
            }
            int lead = bytes[i];
            if (lead >= 0) {
                i++;
                continue;
            }
            lead &= 0xFF;
            int size = lead < 0xC2 ? 0 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : lead < 0xF5 ? 4 : 0;
            if (size == 0 || i + size > length || !continues(bytes, i, size) || !shortest(lead, bytes[i + 1] & 0xFF)) {
                return i;
            }
            i += size;
        }
        return -1;
    }

    private static boolean continues(byte[] bytes, int start, int size) {
        for (int k = 1; k < size; k++) {
            if ((bytes[start + k] & 0xC0) != 0x80) {
                return false;
            }
        }
        return true;
    }

    /** The second byte's range that keeps a 3- or 4-byte sequence shortest, no surrogate, at most U+10FFFF. */
    private static boolean shortest(int lead, int second) {
        return switch (lead) {
            case 0xE0 -> second >= 0xA0;
            case 0xED -> second <= 0x9F;
            case 0xF0 -> second >= 0x90;
            case 0xF4 -> second <= 0x8F;
            default -> true;
        };
    }
}
