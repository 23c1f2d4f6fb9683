package dev.junction.gateway.backend;

/**
 * One plugin JAR of the plugin folder as the gateway holds it, for {@code /health} and the admin
 * endpoints.
 *
 * @param id the JAR's {@code Plugin-Id}; null when its descriptor could not be read
 * @param version its {@code Plugin-Version}; null when its descriptor could not be read
 * @param state {@code started} (it serves new requests), {@code stopping} (replaced or removed, it
 *     finishes the answers it serves), {@code disabled} (its {@code Plugin-Requires} does not accept
 *     this gateway's plugin API) or {@code failed}
 * @param file the JAR's file name in the plugin folder
 * @param error why it does not serve; null when it does
 */
public record PluginInfo(String id, String version, String state, String file, String error) {}
