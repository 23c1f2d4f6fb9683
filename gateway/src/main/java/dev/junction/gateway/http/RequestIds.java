package dev.junction.gateway.http;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Request ids: the caller's {@code X-Request-Id} when it is a sane token, else a random 128-bit hex.
 * An id only tells requests apart, it guards nothing: a fast random source will do, where a secure
 * one would cost a system call per request.
 */
final class RequestIds {

    static final String HEADER = "X-Request-Id";
    private static final HexFormat HEX = HexFormat.of();
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {}

    /** {@code given} when it is 1 to 128 characters of {@code [A-Za-z0-9._:-]}, else a fresh id. */
    static String accept(String given) {
        return given != null && SANE.matcher(given).matches() ? given : fresh();
    }

    static String fresh() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return HEX.toHexDigits(random.nextLong()) + HEX.toHexDigits(random.nextLong());
    }
}
