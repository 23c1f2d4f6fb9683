package dev.junction.gateway.config;

import java.nio.file.Path;

/**
 * Where plugin JARs are found.
 *
 * @param dir absolute and normalized; a relative {@code plugins.dir} is resolved against the folder
 *     of the configuration file
 */
public record PluginsConfig(Path dir) {}
