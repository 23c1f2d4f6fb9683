package dev.junction.plugin;

import java.util.Objects;

/**
 * How the model may use the request's tools.
 *
 * @param name the tool to call when {@code mode} is {@link Mode#NAMED}, else {@code null}
 * @param parallel whether the model may call several tools in one turn; {@code null} for the
 *     backend's default
 *
 * @since 1.0.0
 */
public record ToolChoice(Mode mode, String name, Boolean parallel) {

    /** The four choices every dialect can express. */
    public enum Mode {
        AUTO,
        NONE,
        REQUIRED,
        NAMED
    }

    public ToolChoice {
        Objects.requireNonNull(mode, "mode");
        if ((mode == Mode.NAMED) != (name != null)) {
            throw new IllegalArgumentException("a tool name goes with mode NAMED, and only with it");
        }
    }
}
