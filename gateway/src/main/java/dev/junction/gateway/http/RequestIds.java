package dev.junction.gateway.http;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Request ids: the caller's {@code X-Request-Id} when it is a sane token, else a random 128-bit hex. */
final class RequestIds {

    static final String HEADER = "X-Request-Id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private RequestIds() {}

    /** {@code given} when it is 1 to 128 characters of {@code [A-Za-z0-9._:-]}, else a fresh id. */
    static String accept(String given) {
        return given != null && SANE.matcher(given).matches() ? given : fresh();
    }

    static String fresh() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
