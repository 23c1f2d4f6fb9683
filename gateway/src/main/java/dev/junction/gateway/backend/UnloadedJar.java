package dev.junction.gateway.backend;

import java.nio.file.Path;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;
import org.pf4j.PluginWrapper;

/**
 * Describes a JAR of the plugin folder that PF4J holds no plugin of, from its manifest alone: one
 * that is no plugin JAR ({@code failed}, with why), one whose plugin id is loaded from another JAR
 * ({@code failed}), or a plugin JAR not loaded, dropped in since the folder was last scanned
 * ({@code not_loaded}). Reads the file: call it off the event loop.
 */
final class UnloadedJar {

    private static final String NOT_LOADED = "not_loaded";
    private static final String FAILED = "failed";

    private UnloadedJar() {}

    static PluginInfo describe(Path jar, PluginManager manager) {
        String file = jar.getFileName().toString();
        PluginDescriptor descriptor;
        try {
            descriptor = new ManifestPluginDescriptorFinder().find(jar);
        } catch (RuntimeException e) {
            return new PluginInfo(null, null, FAILED, file, "not a plugin JAR: " + e.getMessage());
        }
        String id = descriptor.getPluginId();
        if (id == null || id.isBlank()) {
            return new PluginInfo(
                    null, descriptor.getVersion(), FAILED, file, "not a plugin JAR: its manifest has no Plugin-Id");
        }
        PluginWrapper loaded = manager.getPlugin(id);
        if (loaded != null) {
            return new PluginInfo(id, descriptor.getVersion(), FAILED, file, "plugin '" + id + "' is loaded from "
                    + loaded.getPluginPath().getFileName() + " already; a new version of a plugin needs a restart");
        }
        return new PluginInfo(id, descriptor.getVersion(), NOT_LOADED, file,
                "not loaded: a rescan (POST /admin/plugins/reload) loads it, or the log says why it cannot");
    }
}
