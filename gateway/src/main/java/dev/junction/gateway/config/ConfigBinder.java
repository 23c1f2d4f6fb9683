package dev.junction.gateway.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a tree that {@link ConfigValidator} accepted into the record tree, applying defaults and
 * resolving relative paths against the configuration file's folder. Pure.
 */
final class ConfigBinder {

    private ConfigBinder() {}

    static GatewayConfig bind(JsonObject root, Path source) {
        return new GatewayConfig(
                server(objectOrEmpty(root, "server")),
                new PluginsConfig(resolve(source, root.getJsonObject("plugins").getString("dir"))),
                backends(root.getJsonObject("backends")),
                auth(objectOrEmpty(root, "auth")),
                source);
    }

    private static ServerConfig server(JsonObject server) {
        Object host = server.getValue("host");
        Long port = ConfigValidator.integer(server.getValue("port"));
        Long maxBodyBytes = ConfigValidator.integer(server.getValue("maxBodyBytes"));
        Long keepAliveSeconds = ConfigValidator.integer(server.getValue("keepAliveSeconds"));
        Long drainSeconds = ConfigValidator.integer(server.getValue("drainSeconds"));
        return new ServerConfig(
                host == null ? ServerConfig.DEFAULT_HOST : (String) host,
                port == null ? ServerConfig.DEFAULT_PORT : port.intValue(),
                maxBodyBytes == null ? ServerConfig.DEFAULT_MAX_BODY_BYTES : maxBodyBytes,
                keepAliveSeconds == null ? ServerConfig.DEFAULT_KEEP_ALIVE_SECONDS : keepAliveSeconds.intValue(),
                drainSeconds == null ? ServerConfig.DEFAULT_DRAIN_SECONDS : drainSeconds.intValue());
    }

    private static Map<String, BackendConfig> backends(JsonObject backends) {
        Map<String, BackendConfig> result = new LinkedHashMap<>();
        for (String id : backends.fieldNames()) {
            JsonObject backend = backends.getJsonObject(id);
            List<String> models = backend.getJsonArray("models").stream()
                    .map(String.class::cast)
                    .toList();
            result.put(
                    id, new BackendConfig(id, backend.getString("plugin"), models, backend.getJsonObject("options")));
        }
        return result;
    }

    private static AuthConfig auth(JsonObject auth) {
        JsonArray keys = auth.getJsonArray("keys");
        if (keys == null) {
            return AuthConfig.NONE;
        }
        List<ApiKeyConfig> result = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            JsonObject entry = keys.getJsonObject(i);
            String key = entry.getString("key");
            byte[] digest = key != null ? Digests.sha256(key) : HexFormat.of().parseHex(entry.getString("sha256"));
            JsonArray models = entry.getJsonArray("models");
            result.add(new ApiKeyConfig(
                    entry.getString("name"),
                    digest,
                    models == null ? null : models.stream().map(String.class::cast).toList(),
                    limits(objectOrEmpty(entry, "limits"))));
        }
        return new AuthConfig(result);
    }

    private static KeyLimits limits(JsonObject limits) {
        return new KeyLimits(
                ConfigValidator.integer(limits.getValue("requestsPerMinute")),
                ConfigValidator.integer(limits.getValue("tokensPerMinute")),
                ConfigValidator.integer(limits.getValue("concurrentRequests")));
    }

    private static Path resolve(Path source, String path) {
        return source.getParent().resolve(path).toAbsolutePath().normalize();
    }

    private static JsonObject objectOrEmpty(JsonObject parent, String key) {
        JsonObject value = parent.getJsonObject(key);
        return value == null ? new JsonObject() : value;
    }
}
