package dev.junction.gateway.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.FileSystemException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads the gateway's YAML configuration file into a {@link GatewayConfig}: read with Vert.x Config
 * (the file is the only store, so nothing else leaks in), expand {@code ${NAME}} and
 * {@code ${NAME:-default}} from the given environment, apply the port override, validate.
 *
 * <p>Reading and parsing happen off the event loop; the rest is cheap and pure. Every failure is a
 * {@link ConfigException} whose message names the file.
 */
public final class ConfigLoader {

    /** The environment variable that names the configuration file. */
    public static final String CONFIG_ENV = "JUNCTION_CONFIG";

    private static final Path DEFAULT_FILE = Path.of("config", "gateway.yaml");

    private ConfigLoader() {}

    /**
     * The file named by {@code JUNCTION_CONFIG} in {@code env}, else {@code config/gateway.yaml}
     * relative to the working directory.
     */
    public static Path defaultFile(Map<String, String> env) {
        String named = env.get(CONFIG_ENV);
        return named == null || named.isBlank() ? DEFAULT_FILE : Path.of(named);
    }

    /**
     * Loads and validates {@code file}.
     *
     * @param env the variables that {@code ${NAME}} references expand from (usually
     *     {@link System#getenv()})
     * @param portOverride replaces {@code server.port} when not null (the {@code --port} option)
     * @return the configuration, or a failure with a {@link ConfigException}
     */
    public static Future<GatewayConfig> load(Vertx vertx, Path file, Map<String, String> env, Integer portOverride) {
        Path source = file.toAbsolutePath().normalize();
        return read(vertx, source).map(raw -> parse(raw, source, env, portOverride));
    }

    private static Future<JsonObject> read(Vertx vertx, Path source) {
        ConfigStoreOptions store = new ConfigStoreOptions()
                .setType("file")
                .setFormat("yaml")
                .setConfig(new JsonObject().put("path", source.toString()));
        ConfigRetriever retriever = ConfigRetriever.create(
                vertx,
                new ConfigRetrieverOptions()
                        .setIncludeDefaultStores(false)
                        .setScanPeriod(0)
                        .addStore(store));
        return retriever
                .getConfig()
                .eventually(retriever::close)
                .recover(cause -> Future.failedFuture(readFailure(source, cause)));
    }

    private static GatewayConfig parse(JsonObject raw, Path source, Map<String, String> env, Integer portOverride) {
        EnvExpander expander = new EnvExpander(env);
        JsonObject tree = expander.expand(raw);
        failOn(source, expander.errors());
        if (portOverride != null) {
            overridePort(tree, portOverride);
        }
        failOn(source, ConfigValidator.validate(tree));
        return ConfigBinder.bind(tree, source);
    }

    /** Sets {@code server.port}, unless {@code server} is not an object (validation reports that). */
    private static void overridePort(JsonObject tree, int port) {
        Object server = tree.getValue("server");
        if (server == null) {
            tree.put("server", new JsonObject().put("port", port));
        } else if (server instanceof JsonObject object) {
            object.put("port", port);
        }
    }

    private static void failOn(Path source, List<String> errors) {
        if (!errors.isEmpty()) {
            throw ConfigException.invalid(source, errors);
        }
    }

    private static ConfigException readFailure(Path source, Throwable cause) {
        if (cause instanceof FileSystemException) {
            return ConfigException.unusable(
                    "Cannot read configuration file " + source + ": " + ioReason(cause), cause);
        }
        return ConfigException.unusable(
                "Malformed YAML in configuration file " + source + ": " + yamlReason(cause), cause);
    }

    private static String ioReason(Throwable failure) {
        Throwable cause = failure.getCause() == null ? failure : failure.getCause();
        if (cause instanceof NoSuchFileException) {
            return "file not found";
        }
        if (cause instanceof AccessDeniedException) {
            return "permission denied";
        }
        return String.valueOf(cause.getMessage());
    }

    /** The parser's own message (with line and column), or what a non-mapping document means. */
    private static String yamlReason(Throwable failure) {
        if (failure instanceof DecodeException && failure.getCause() instanceof ClassCastException) {
            return "the document must be a mapping of keys to values";
        }
        return String.valueOf(failure.getMessage()).strip();
    }
}
