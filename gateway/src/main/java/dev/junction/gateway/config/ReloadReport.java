package dev.junction.gateway.config;

import org.slf4j.event.Level;

/**
 * One line the {@link ConfigWatcher} logged about the configuration file: a change applied (INFO),
 * refused (ERROR), or a setting that needs a restart or a file that cannot be read (WARN).
 */
public record ReloadReport(Level level, String message) {}
