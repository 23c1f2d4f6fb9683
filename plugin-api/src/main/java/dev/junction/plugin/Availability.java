package dev.junction.plugin;

/**
 * Whether a backend can serve requests, with the reason and the fix when it cannot (for instance
 * "claude: command not found" and "npm install -g @anthropic-ai/claude-code").
 *
 * @since 1.0.0
 */
public record Availability(boolean available, String reason) {

    public static final Availability AVAILABLE = new Availability(true, null);

    public static Availability unavailable(String reason) {
        return new Availability(false, reason);
    }
}
