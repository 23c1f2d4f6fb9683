package dev.junction.gateway.bench;

/**
 * How the mock upstream answers one request: how many content chunks, the pause between them and
 * the delay before the first byte. The defaults come from {@link MockUpstream}'s startup flags; a
 * request overrides them with path segments before {@code /v1/}, so a gateway backend can select a
 * profile through its {@code baseUrl}:
 *
 * <pre>
 * /v1/chat/completions              the defaults
 * /c100/v1/chat/completions         100 chunks
 * /c100/i10/v1/chat/completions     100 chunks, 10 ms apart
 * /c10/l5/v1/messages               10 chunks, the first byte after 5 ms
 * /s503/v1/chat/completions         an error answer with status 503 (faults for the soak test)
 * /c50/t10/v1/chat/completions      a stream of 50 chunks whose connection closes after 10 of them
 * </pre>
 *
 * @param chunks content chunks of a stream (words of a JSON answer), at least 1
 * @param intervalMs pause between two content chunks of a stream; 0 writes the whole stream at once
 * @param latencyMs delay before the status line and the first byte
 * @param status 0 to answer normally, else the status of an error answer (400 to 599)
 * @param cutAfter 0 for whole streams, else the content chunks after which a stream's connection closes
 */
public record MockProfile(int chunks, long intervalMs, long latencyMs, int status, int cutAfter) {

    public MockProfile {
        if (chunks < 1 || chunks > 100_000 || intervalMs < 0 || latencyMs < 0
                || status != 0 && (status < 400 || status > 599) || cutAfter < 0) {
            throw new IllegalArgumentException("bad profile: chunks " + chunks + ", interval " + intervalMs
                    + " ms, latency " + latencyMs + " ms, status " + status + ", cut after " + cutAfter);
        }
    }

    /** A profile that answers normally. */
    public MockProfile(int chunks, long intervalMs, long latencyMs) {
        this(chunks, intervalMs, latencyMs, 0, 0);
    }

    /**
     * The profile a request path selects, and where its API path ({@code /v1/...}) starts.
     *
     * @return {@code null} when the path has no {@code /v1/} or a segment before it does not parse
     */
    static Selected select(String path, MockProfile defaults) {
        int api = path.indexOf("/v1/");
        if (api < 0) {
            return null;
        }
        if (api == 0) {
            return new Selected(defaults, path);
        }
        int chunks = defaults.chunks;
        long interval = defaults.intervalMs;
        long latency = defaults.latencyMs;
        int status = defaults.status;
        int cutAfter = defaults.cutAfter;
        for (String segment : path.substring(1, api).split("/")) {
            if (segment.length() < 2) {
                return null;
            }
            long value;
            try {
                value = Long.parseLong(segment.substring(1));
            } catch (NumberFormatException e) {
                return null;
            }
            switch (segment.charAt(0)) {
                case 'c' -> chunks = (int) Math.min(value, Integer.MAX_VALUE);
                case 'i' -> interval = value;
                case 'l' -> latency = value;
                case 's' -> status = (int) Math.min(value, Integer.MAX_VALUE);
                case 't' -> cutAfter = (int) Math.min(value, Integer.MAX_VALUE);
                default -> {
                    return null;
                }
            }
        }
        try {
            return new Selected(new MockProfile(chunks, interval, latency, status, cutAfter), path.substring(api));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A profile and the API path that follows the profile's segments. */
    record Selected(MockProfile profile, String apiPath) {}
}
