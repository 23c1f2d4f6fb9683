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
 * </pre>
 *
 * @param chunks content chunks of a stream (words of a JSON answer), at least 1
 * @param intervalMs pause between two content chunks of a stream; 0 writes the whole stream at once
 * @param latencyMs delay before the status line and the first byte
 */
public record MockProfile(int chunks, long intervalMs, long latencyMs) {

    public MockProfile {
        if (chunks < 1 || chunks > 100_000 || intervalMs < 0 || latencyMs < 0) {
            throw new IllegalArgumentException("bad profile: chunks " + chunks + ", interval " + intervalMs
                    + " ms, latency " + latencyMs + " ms");
        }
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
                default -> {
                    return null;
                }
            }
        }
        try {
            return new Selected(new MockProfile(chunks, interval, latency), path.substring(api));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A profile and the API path that follows the profile's segments. */
    record Selected(MockProfile profile, String apiPath) {}
}
