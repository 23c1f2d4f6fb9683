package dev.junction.gateway.fuzz;

/** How much of a request an answer repeats. */
final class Echoes {

    private static final int STEP = 100;
    /** Only the start of an answer is searched: an echo too long to allow starts there. */
    private static final int SEARCHED = 4096;

    private Echoes() {}

    /**
     * A lower bound on the longest stretch of {@code answer} found in {@code request}, exact up to
     * {@link Invariants#MAX_ECHO} + 1: any longer common stretch contains a window of 101 characters
     * that starts at a multiple of 100 in the answer; those are searched first, and only
     * around a hit is the stretch measured. Only the first 4 KiB of the answer are searched.
     */
    static int longest(String text, String request) {
        String answer = text.length() > SEARCHED ? text.substring(0, SEARCHED) : text;
        int longest = 0;
        for (int start = 0; start + STEP + 1 <= answer.length(); start += STEP) {
            if (!request.contains(answer.substring(start, start + STEP + 1))) {
                continue;
            }
            longest = Math.max(longest, STEP + 1);
            int from = Math.max(0, start - STEP);
            for (int i = from; i <= start; i++) {
                int end = i + Invariants.MAX_ECHO + 1;
                if (end <= answer.length() && request.contains(answer.substring(i, end))) {
                    return end - i;
                }
            }
        }
        return longest;
    }
}
