package dev.junction.gateway.config;

/** Builds the JSON paths that name a place in the configuration in error messages. */
final class ConfigPaths {

    private ConfigPaths() {}

    /** {@code server} + {@code port} gives {@code server.port}; the root is the empty path. */
    static String child(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    /** {@code backends.echo.models} + 1 gives {@code backends.echo.models[1]}. */
    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
