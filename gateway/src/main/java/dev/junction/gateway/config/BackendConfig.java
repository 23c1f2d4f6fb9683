package dev.junction.gateway.config;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * One backend: which plugin serves it, the model names it answers to, and the plugin's options.
 *
 * @param id the key under {@code backends}; also the event-bus address suffix and the
 *     {@code <id>/<model>} route prefix
 * @param plugin the PF4J plugin id
 * @param models exact model names and globs, in file order
 * @param options handed to the plugin as is; empty when the file has none. The record keeps its
 *     own copy and hands out copies, so callers cannot change the configuration.
 */
public record BackendConfig(String id, String plugin, List<String> models, JsonObject options) {

    public BackendConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(plugin, "plugin");
        models = List.copyOf(models);
        options = options == null ? new JsonObject() : options.copy();
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
