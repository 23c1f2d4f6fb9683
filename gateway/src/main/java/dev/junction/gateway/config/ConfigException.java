package dev.junction.gateway.config;

import java.nio.file.Path;
import java.util.List;

/**
 * A configuration that cannot be used: the file is missing or unreadable, is not valid YAML,
 * names an unset environment variable, or fails validation. The message is meant for the
 * operator as is, one problem per line.
 */
public class ConfigException extends RuntimeException {

    private final List<String> errors;

    private ConfigException(String message, List<String> errors, Throwable cause) {
        super(message, cause);
        this.errors = List.copyOf(errors);
    }

    /** Problems found in the content of {@code file}, each as {@code "path: message"}. */
    public static ConfigException invalid(Path file, List<String> errors) {
        StringBuilder message = new StringBuilder("Invalid configuration ").append(file).append(':');
        errors.forEach(error -> message.append("\n  - ").append(error));
        return new ConfigException(message.toString(), errors, null);
    }

    /** A file that could not be read or parsed at all: one problem, which is the whole message. */
    public static ConfigException unusable(String message, Throwable cause) {
        return new ConfigException(message, List.of(message), cause);
    }

    /**
     * The problems found, each as {@code "path: message"} (for example
     * {@code "server.port: must be an integer from 0 to 65535"}); for a file that could not be read
     * or parsed, the single message.
     */
    public List<String> errors() {
        return errors;
    }
}
