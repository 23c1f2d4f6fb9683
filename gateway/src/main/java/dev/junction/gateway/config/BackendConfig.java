package dev.junction.gateway.config;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * One backend: which plugin serves it, the model names it answers to, the plugin's options, and
 * how the gateway copes when it fails or stalls.
 *
 * @param id the key under {@code backends}; also the event-bus address suffix and the
 *     {@code <id>/<model>} route prefix
 * @param plugin the PF4J plugin id
 * @param models exact model names and globs, in file order
 * @param options handed to the plugin as is; empty when the file has none. The record keeps its
 *     own copy and hands out copies, so callers cannot change the configuration.
 * @param resilience timeouts, retries, fallbacks and circuit breaker; {@link ResilienceConfig#DEFAULTS}
 *     when null
 */
public record BackendConfig(String id, String plugin, List<String> models, JsonObject options, ResilienceConfig resilience) {

    public BackendConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(plugin, "plugin");
        models = List.copyOf(models);
        options = options == null ? new JsonObject() : options.copy();
        resilience = resilience == null ? ResilienceConfig.DEFAULTS : resilience;
    }

    /** A backend with the default timeouts, retries and circuit breaker, and no fallbacks. */
    public BackendConfig(String id, String plugin, List<String> models, JsonObject options) {
        this(id, plugin, models, options, ResilienceConfig.DEFAULTS);
    }

    @Override
    public JsonObject options() {
        return options.copy();
    }

    /**
     * Whether {@code other} is served by the same backend instance: same plugin, same options. Its
     * models may differ, since routing is the front end's.
     */
    public boolean sameBackend(BackendConfig other) {
        return plugin.equals(other.plugin) && options.equals(other.options);
    }
}
