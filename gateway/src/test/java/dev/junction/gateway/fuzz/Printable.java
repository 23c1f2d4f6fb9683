package dev.junction.gateway.fuzz;

/** Text made safe and short for a report: control and non-ASCII characters escaped, long runs folded. */
final class Printable {

    private Printable() {}

    /**
     * {@code text} with CR, LF and tab shown as {@code \r \n \t}, other characters outside printable
     * ASCII as {@code \xNN} or {@code \\uNNNN}, runs of one character longer than 16 as
     * {@code c×count}, and everything after {@code limit} output characters dropped (with the total).
     */
    static String excerpt(String text, int limit) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length() && out.length() < limit) {
            char c = text.charAt(i);
            int run = 1;
            while (i + run < text.length() && text.charAt(i + run) == c) {
                run++;
            }
            if (run > 16) {
                out.append(escape(c)).append('×').append(run);
                i += run;
                continue;
            }
            out.append(escape(c));
            i++;
        }
        if (i < text.length()) {
            out.append("… (").append(text.length()).append(" chars)");
        }
        return out.toString();
    }

    private static String escape(char c) {
        return switch (c) {
            case '\r' -> "\\r";
            case '\n' -> "\\n";
            case '\t' -> "\\t";
            default -> c >= 0x20 && c < 0x7f ? String.valueOf(c) : c < 0x100 ? String.format("\\x%02X", (int) c) : String.format("\\u%04X", (int) c);
        };
    }
}
