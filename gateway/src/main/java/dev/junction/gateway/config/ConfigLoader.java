package dev.junction.gateway.config;

import io.vertx.config.yaml.YamlProcessor;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Reads the gateway's YAML configuration file into a {@link GatewayConfig}: read the file, parse it
 * with Vert.x Config's YAML processor (the file is the only source, so nothing else leaks in),
 * expand {@code ${NAME}} and {@code ${NAME:-default}} from the given environment, apply the port
 * override, validate. Reading and parsing are separate steps so that a reload can tell whether the
 * content changed before parsing it.
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
        return load(vertx, new ConfigSource(file, env, portOverride));
    }

    /** Loads and validates the file of {@code source}. */
    public static Future<GatewayConfig> load(Vertx vertx, ConfigSource source) {
        return read(vertx, source.file()).compose(content -> parse(vertx, content, source));
    }

    /** The content of {@code file}, or a failure with a {@link ConfigException} naming it. */
    static Future<Buffer> read(Vertx vertx, Path file) {
        return vertx.fileSystem()
                .readFile(file.toString())
                .recover(cause -> Future.failedFuture(ConfigException.unusable(
                        "Cannot read configuration file " + file + ": " + ioReason(cause), cause)));
    }

    /**
     * The configuration that {@code content}, read from the file of {@code source}, holds; a failure
     * with a {@link ConfigException} when it is not valid YAML or not a valid configuration.
     */
    static Future<GatewayConfig> parse(Vertx vertx, Buffer content, ConfigSource source) {
        return new YamlProcessor()
                .process(vertx, null, content)
                .recover(cause -> Future.failedFuture(ConfigException.unusable(
                        "Malformed YAML in configuration file " + source.file() + ": " + yamlReason(cause), cause)))
                .map(raw -> bind(raw == null ? new JsonObject() : raw, source, revision(content)));
    }

    /** The revision of a configuration read from {@code content} ({@link GatewayConfig#revision}). */
    static String revision(Buffer content) {
        return HexFormat.of().formatHex(Digests.sha256(content.getBytes()));
    }

    private static GatewayConfig bind(JsonObject raw, ConfigSource source, String revision) {
        EnvExpander expander = new EnvExpander(source.env());
        JsonObject tree = expander.expand(raw);
        failOn(source.file(), expander.errors());
        if (source.portOverride() != null) {
            overridePort(tree, source.portOverride());
        }
        failOn(source.file(), ConfigValidator.validate(tree));
        return ConfigBinder.bind(tree, source, revision);
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

    /**
     * The parser's own message (with line and column) less the lines of the file it quotes, each
     * followed by a caret under the column (a quoted line may hold a key); or what a non-mapping
     * document means.
     */
    private static String yamlReason(Throwable failure) {
        if (failure instanceof DecodeException && failure.getCause() instanceof ClassCastException) {
            return "the document must be a mapping of keys to values";
        }
        List<String> lines = String.valueOf(failure.getMessage()).lines().toList();
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (i + 1 < lines.size() && lines.get(i + 1).strip().equals("^")) {
                i++;
            } else {
                kept.add(lines.get(i));
            }
        }
        return String.join("\n", kept).strip();
    }
}
