package dev.junction.gateway.backend;

/**
 * One plugin JAR of the plugin folder, as the admin endpoints list it.
 *
 * @param id the plugin id ({@code Plugin-Id}); null for a JAR that could not be read as a plugin
 * @param version the plugin's {@code Plugin-Version}; null when unknown
 * @param state the plugin's state in lower case: {@code started}, {@code disabled} (refused by its
 *     {@code Plugin-Requires}), {@code failed}...; {@code not_loaded} for a plugin JAR dropped in
 *     since the folder was last scanned
 * @param file the JAR's file name in the plugin folder
 * @param error why the plugin does not run; null when it is started
 */
public record PluginInfo(String id, String version, String state, String file, String error) {}
