package dev.junction.gateway.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where a configuration is read from, and with what: enough to read it again when the file
 * changes.
 *
 * @param file absolute and normalized
 * @param env the variables that {@code ${NAME}} references expand from
 * @param portOverride replaces {@code server.port} when not null (the {@code --port} option)
 */
public record ConfigSource(Path file, Map<String, String> env, Integer portOverride) {

    public ConfigSource {
        file = file.toAbsolutePath().normalize();
        env = Map.copyOf(Objects.requireNonNull(env, "env"));
    }

    /** The file only: the environment holds secrets. */
    @Override
    public String toString() {
        return file.toString();
    }
}
