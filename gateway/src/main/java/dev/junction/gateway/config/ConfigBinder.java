package dev.junction.gateway.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns a tree that {@link ConfigValidator} accepted into the record tree, applying defaults and
 * resolving relative paths against the configuration file's folder. Pure.
 */
final class ConfigBinder {

    private ConfigBinder() {}

    static GatewayConfig bind(JsonObject root, ConfigSource source, String revision) {
        return new GatewayConfig(
                server(objectOrEmpty(root, "server")),
                new PluginsConfig(
                        resolve(source.file(), root.getJsonObject("plugins").getString("dir")),
                        integer(root.getJsonObject("plugins"), "scanIntervalMillis", PluginsConfig.DEFAULT_SCAN_INTERVAL_MILLIS)),
                backends(root.getJsonObject("backends")),
                auth(objectOrEmpty(root, "auth")),
                cluster(objectOrEmpty(root, "cluster"), source.file()),
                responses(objectOrEmpty(objectOrEmpty(root, "responses"), "store")),
                source,
                revision);
    }

    private static ServerConfig server(JsonObject server) {
        Object host = server.getValue("host");
        Long port = ConfigValidator.integer(server.getValue("port"));
        Long instances = ConfigValidator.integer(server.getValue("instances"));
        Long maxBodyBytes = ConfigValidator.integer(server.getValue("maxBodyBytes"));
        Long keepAliveSeconds = ConfigValidator.integer(server.getValue("keepAliveSeconds"));
        Long drainSeconds = ConfigValidator.integer(server.getValue("drainSeconds"));
        Long reloadSeconds = ConfigValidator.integer(server.getValue("reloadSeconds"));
        return new ServerConfig(
                host == null ? ServerConfig.DEFAULT_HOST : (String) host,
                port == null ? ServerConfig.DEFAULT_PORT : port.intValue(),
                instances == null ? ServerConfig.defaultInstances() : instances.intValue(),
                maxBodyBytes == null ? ServerConfig.DEFAULT_MAX_BODY_BYTES : maxBodyBytes,
                keepAliveSeconds == null ? ServerConfig.DEFAULT_KEEP_ALIVE_SECONDS : keepAliveSeconds.intValue(),
                drainSeconds == null ? ServerConfig.DEFAULT_DRAIN_SECONDS : drainSeconds.intValue(),
                reloadSeconds == null ? ServerConfig.DEFAULT_RELOAD_SECONDS : reloadSeconds.intValue(),
                names(server.getJsonArray("allowedHosts"), WebNames::host),
                names(objectOrEmpty(server, "cors").getJsonArray("allowedOrigins"), WebNames::origin),
                connectionLimits(objectOrEmpty(server, "limits")));
    }

    private static List<String> names(JsonArray names, Function<String, String> canonical) {
        return names == null ? List.of() : names.stream().map(name -> canonical.apply((String) name)).distinct().toList();
    }

    private static ConnectionLimits connectionLimits(JsonObject limits) {
        ConnectionLimits defaults = ConnectionLimits.DEFAULTS;
        return new ConnectionLimits(
                (int) integer(limits, "headerTimeoutSeconds", defaults.headerTimeoutSeconds()),
                (int) integer(limits, "bodyTimeoutSeconds", defaults.bodyTimeoutSeconds()),
                (int) integer(limits, "idleTimeoutSeconds", defaults.idleTimeoutSeconds()),
                (int) integer(limits, "maxConnections", defaults.maxConnections()),
                (int) integer(limits, "maxInFlightRequests", defaults.maxInFlightRequests()),
                (int) integer(limits, "maxHeaderBytes", defaults.maxHeaderBytes()),
                (int) integer(limits, "maxHeaders", defaults.maxHeaders()));
    }

    private static Map<String, BackendConfig> backends(JsonObject backends) {
        Map<String, BackendConfig> result = new LinkedHashMap<>();
        for (String id : backends.fieldNames()) {
            JsonObject backend = backends.getJsonObject(id);
            List<String> models = backend.getJsonArray("models").stream()
                    .map(String.class::cast)
                    .toList();
            result.put(id, new BackendConfig(
                    id, backend.getString("plugin"), models, backend.getJsonObject("options"), resilience(backend)));
        }
        return result;
    }

    private static ResilienceConfig resilience(JsonObject backend) {
        JsonObject timeouts = objectOrEmpty(backend, "timeouts");
        JsonObject retries = objectOrEmpty(backend, "retries");
        JsonObject breaker = objectOrEmpty(backend, "circuitBreaker");
        JsonArray fallbacks = backend.getJsonArray("fallbacks");
        ResilienceConfig.Timeouts timeoutDefaults = ResilienceConfig.Timeouts.DEFAULTS;
        ResilienceConfig.Retries retryDefaults = ResilienceConfig.Retries.DEFAULTS;
        ResilienceConfig.Breaker breakerDefaults = ResilienceConfig.Breaker.DEFAULTS;
        return new ResilienceConfig(
                new ResilienceConfig.Timeouts(
                        (int) integer(timeouts, "firstEventSeconds", timeoutDefaults.firstEventSeconds()),
                        (int) integer(timeouts, "idleSeconds", timeoutDefaults.idleSeconds()),
                        (int) integer(timeouts, "totalSeconds", timeoutDefaults.totalSeconds())),
                new ResilienceConfig.Retries(
                        (int) integer(retries, "attempts", retryDefaults.attempts()),
                        integer(retries, "initialBackoffMillis", retryDefaults.initialBackoffMillis()),
                        integer(retries, "maxBackoffMillis", retryDefaults.maxBackoffMillis())),
                fallbacks == null
                        ? List.of()
                        : fallbacks.stream().map(String.class::cast).map(ResilienceConfig.Fallback::parse).toList(),
                new ResilienceConfig.Breaker(
                        (int) integer(breaker, "failures", breakerDefaults.failures()),
                        (int) integer(breaker, "resetSeconds", breakerDefaults.resetSeconds())));
    }

    private static long integer(JsonObject object, String key, long fallback) {
        Long value = ConfigValidator.integer(object.getValue(key));
        return value == null ? fallback : value;
    }

    private static AuthConfig auth(JsonObject auth) {
        String adminKey = auth.getString("adminKey");
        Optional<AdminKey> admin = adminKey == null || adminKey.isEmpty()
                ? Optional.empty()
                : Optional.of(AdminKey.of(adminKey));
        JsonArray keys = auth.getJsonArray("keys");
        if (keys == null) {
            return new AuthConfig(List.of(), admin);
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
        return new AuthConfig(result, admin);
    }

    private static KeyLimits limits(JsonObject limits) {
        return new KeyLimits(
                ConfigValidator.integer(limits.getValue("requestsPerMinute")),
                ConfigValidator.integer(limits.getValue("tokensPerMinute")),
                ConfigValidator.integer(limits.getValue("concurrentRequests")));
    }

    private static ClusterConfig cluster(JsonObject cluster, Path source) {
        ClusterConfig defaults = ClusterConfig.DEFAULTS;
        JsonArray members = cluster.getJsonArray("members");
        JsonObject kubernetes = cluster.getJsonObject("kubernetes");
        JsonObject tls = cluster.getJsonObject("tls");
        return new ClusterConfig(
                Boolean.TRUE.equals(ClusterValidator.bool(cluster.getValue("enabled"))),
                cluster.getString("name", defaults.name()).trim(),
                cluster.getString("host", defaults.host()).trim(),
                (int) integer(cluster, "port", defaults.port()),
                cluster.getString("publicHost", defaults.publicHost()).trim(),
                (int) integer(cluster, "busPort", defaults.busPort()),
                members == null ? List.of() : members.stream().map(member -> ((String) member).trim()).toList(),
                Boolean.TRUE.equals(ClusterValidator.bool(cluster.getValue("multicast"))),
                Optional.ofNullable(kubernetes).map(k8s -> new ClusterConfig.Kubernetes(
                        k8s.getString("serviceName").trim(), k8s.getString("namespace", "").trim())),
                Optional.ofNullable(tls).map(stores -> new ClusterConfig.Tls(
                        resolve(source, stores.getString("keyStore")),
                        stores.getString("keyStorePassword"),
                        resolve(source, stores.getString("trustStore")),
                        stores.getString("trustStorePassword"))));
    }

    private static ResponsesConfig responses(JsonObject store) {
        ResponsesConfig.Store defaults = ResponsesConfig.Store.DEFAULTS;
        return new ResponsesConfig(new ResponsesConfig.Store(
                (int) integer(store, "maxResponses", defaults.maxResponses()),
                integer(store, "maxBytes", defaults.maxBytes()),
                (int) integer(store, "ttlSeconds", defaults.ttlSeconds())));
    }

    private static Path resolve(Path source, String path) {
        return source.getParent().resolve(path).toAbsolutePath().normalize();
    }

    private static JsonObject objectOrEmpty(JsonObject parent, String key) {
        JsonObject value = parent.getJsonObject(key);
        return value == null ? new JsonObject() : value;
    }
}
