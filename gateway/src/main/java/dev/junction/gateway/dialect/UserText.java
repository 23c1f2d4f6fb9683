package dev.junction.gateway.dialect;

/**
 * Client-supplied text (a model name, a role, a block type, a path) made safe to put in an error
 * message or a log line: at most {@link #MAX_CHARS} characters of it, and when it was longer an
 * ellipsis and its original length, so that a hostile 8 MB value never comes back 8 MB long.
 */
public final class UserText {

    /** The most characters of one value an error message or a log line repeats. */
    public static final int MAX_CHARS = 200;

    private UserText() {}

    /** {@code value}, or its first {@link #MAX_CHARS} characters, "…" and "(N characters)"; null stays null. */
    public static String shorten(String value) {
        if (value == null || value.length() <= MAX_CHARS) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS;
        return value.substring(0, end) + "… (" + value.length() + " characters)";
    }

    /** {@link #shorten} of any value's text form. */
    public static String shorten(Object value) {
        return value == null ? null : shorten(value.toString());
    }
}
