package dev.junction.gateway.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import dev.junction.gateway.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * The gateway process's logging backend, Logback, beyond what it does alone: it configures itself
 * from {@code -Dlogback.configurationFile}, else from the {@code logback.xml} bundled in the jar;
 * {@link #configureFrom} lets a {@code logback.xml} beside the configuration file take the bundled
 * one's place, and {@link #stop} writes what the asynchronous appenders still hold.
 */
public final class Logging {

    /** The file looked for in the configuration file's folder. */
    public static final String FILE_NAME = "logback.xml";

    /** The system property that names a configuration file; it wins over the configuration folder. */
    static final String PROPERTY = "logback.configurationFile";

    private Logging() {}

    /**
     * Configures Logback from {@value #FILE_NAME} in the folder of {@code configFile} when there is
     * one and {@code -Dlogback.configurationFile} is not set.
     *
     * @return the file used, if any
     * @throws ConfigException when that file cannot be used
     */
    public static Optional<Path> configureFrom(Path configFile) {
        Path folder = configFile.toAbsolutePath().getParent();
        Path file = folder == null ? null : folder.resolve(FILE_NAME);
        if (System.getProperty(PROPERTY) != null
                || file == null
                || !Files.isRegularFile(file)
                || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return Optional.empty();
        }
        configure(context, file);
        return Optional.of(file);
    }

    /** Replaces the configuration of {@code context} with {@code file}'s. */
    static void configure(LoggerContext context, Path file) {
        long since = System.currentTimeMillis();
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(file.toFile());
        } catch (JoranException e) {
            // its statuses say why, below
        }
        List<String> errors = context.getStatusManager().getCopyOfStatusList().stream()
                .filter(status -> status.getTimestamp() >= since && status.getEffectiveLevel() == Status.ERROR)
                .map(Status::getMessage)
                .toList();
        if (!errors.isEmpty()) {
            throw ConfigException.unusable(
                    "Invalid logging configuration " + file + ":\n  - " + String.join("\n  - ", errors), null);
        }
    }

    /** Writes the lines the asynchronous appenders still hold (for a few seconds at most), then stops logging. */
    public static void stop() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext context) {
            context.stop();
        }
    }
}
