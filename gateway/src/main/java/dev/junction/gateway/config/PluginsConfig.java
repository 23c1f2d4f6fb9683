package dev.junction.gateway.config;

import java.nio.file.Path;

/**
 * Where plugin JARs are found, and how often the folder is looked at for JARs dropped in, replaced
 * or removed.
 *
 * @param dir absolute and normalized; a relative {@code plugins.dir} is resolved against the folder
 *     of the configuration file
 * @param scanIntervalMillis {@code plugins.scanIntervalMillis}; 0 when the folder is not watched
 *     (JARs then load at start and at a configuration reload)
 */
public record PluginsConfig(Path dir, long scanIntervalMillis) {

    /** How often the folder is looked at when {@code plugins.scanIntervalMillis} is not set. */
    public static final long DEFAULT_SCAN_INTERVAL_MILLIS = 1000;

    /** The folder {@code dir}, watched every {@value #DEFAULT_SCAN_INTERVAL_MILLIS} ms. */
    public PluginsConfig(Path dir) {
        this(dir, DEFAULT_SCAN_INTERVAL_MILLIS);
    }
}
