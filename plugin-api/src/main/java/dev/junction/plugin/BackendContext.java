package dev.junction.plugin;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * What a {@link BackendFactory} gets to build a backend.
 *
 * @param id the backend's id in the configuration ({@code backends.<id>})
 * @param options the backend's {@code options} object from the configuration, environment
 *     variables already expanded; an empty object when none were given
 * @param vertx the gateway's Vert.x instance, for timers and non-blocking clients
 */
public record BackendContext(String id, JsonObject options, Vertx vertx) {}
