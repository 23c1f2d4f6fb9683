package dev.junction.gateway.backend;

import dev.junction.plugin.BackendFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipFile;
import org.pf4j.JarPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One plugin JAR loaded and started in a PF4J plugin manager of its own, so that a new version of
 * the same plugin id loads beside it and each unloads alone. It runs from a private copy of the JAR:
 * the file in the plugin folder may be overwritten or deleted while this version still serves.
 * Counts the backends that {@link #acquire use} it; {@link #unload} stops it, closes its class
 * loader and deletes its copy. Loading and unloading do file I/O: off the event loop.
 */
final class LoadedPlugin {

    private static final Logger LOG = LoggerFactory.getLogger(LoadedPlugin.class);

    private final Path file;
    private final Path copy;
    private final PluginManager manager;
    private final PluginWrapper plugin;
    private final BackendFactory factory;
    private final AtomicInteger users = new AtomicInteger();

    private LoadedPlugin(Path file, Path copy, PluginManager manager, PluginWrapper plugin, BackendFactory factory) {
        this.file = file;
        this.copy = copy;
        this.manager = manager;
        this.plugin = plugin;
        this.factory = factory;
    }

    /**
     * Copies {@code jar} to {@code copy}, loads it and starts it.
     *
     * @param apiVersion the plugin API version its {@code Plugin-Requires} must accept
     * @throws RefusedPlugin when it is no JAR, has no valid descriptor, requires another plugin API,
     *     fails to start, or provides no {@link BackendFactory} that can be made; nothing of it is
     *     then left loaded
     */
    static LoadedPlugin load(Path jar, Path copy, String apiVersion) throws RefusedPlugin {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new RefusedPlugin(null, null, "failed", "not a readable JAR (zip) file: " + e.getMessage());
        }
        PluginManager manager = new JarPluginManager(copy.getParent());
        manager.setSystemVersion(apiVersion);
        String id;
        try {
            id = manager.loadPlugin(copy);
        } catch (RuntimeException e) {
            manager.unloadPlugins();
            delete(copy);
            throw new RefusedPlugin(null, null, "failed", "no valid plugin descriptor in its manifest: " + e.getMessage());
        }
        PluginWrapper plugin = manager.getPlugin(id);
        try {
            return new LoadedPlugin(jar, copy, manager, plugin, start(manager, plugin, apiVersion));
        } catch (RefusedPlugin e) {
            unload(manager, id, copy);
            throw e;
        }
    }

    private static BackendFactory start(PluginManager manager, PluginWrapper plugin, String apiVersion) throws RefusedPlugin {
        String id = plugin.getPluginId();
        String version = plugin.getDescriptor().getVersion();
        if (plugin.getPluginState() == PluginState.DISABLED) {
            throw new RefusedPlugin(id, version, "disabled", "it requires plugin API " + plugin.getDescriptor().getRequires()
                    + ", this gateway offers " + apiVersion);
        }
        if (manager.startPlugin(id) != PluginState.STARTED) {
            throw new RefusedPlugin(id, version, "failed", "it failed to start: " + rootCause(plugin.getFailedException()));
        }
        Set<String> extensions = manager.getExtensionClassNames(id);
        for (String name : extensions) {
            Class<?> type;
            try {
                type = Class.forName(name, false, plugin.getPluginClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                throw new RefusedPlugin(id, version, "failed", "its extension " + name + " cannot be loaded: " + e);
            }
            if (BackendFactory.class.isAssignableFrom(type)) {
                try {
                    return (BackendFactory) manager.getExtensionFactory().create(type);
                } catch (RuntimeException | LinkageError e) {
                    throw new RefusedPlugin(id, version, "failed", "its " + BackendFactory.class.getSimpleName() + " "
                            + name + " could not be made: " + rootCause(e));
                }
            }
        }
        throw new RefusedPlugin(id, version, "failed", "it provides no " + BackendFactory.class.getSimpleName()
                + " extension (META-INF/extensions.idx lists " + (extensions.isEmpty() ? "none" : extensions) + ")");
    }

    String id() {
        return plugin.getPluginId();
    }

    String version() {
        return plugin.getDescriptor().getVersion();
    }

    /** The JAR in the plugin folder this was loaded from. */
    Path file() {
        return file;
    }

    BackendFactory factory() {
        return factory;
    }

    /** A backend runs this plugin's code from now on; it {@link #release releases} it once undeployed. Any thread. */
    void acquire() {
        users.incrementAndGet();
    }

    /** A backend no longer runs this plugin's code. Any thread. */
    void release() {
        users.decrementAndGet();
    }

    /** Whether some backend still runs this plugin's code. Any thread. */
    boolean inUse() {
        return users.get() > 0;
    }

    /** Stops the plugin, closes its class loader and deletes its copy; never throws. */
    void unload() {
        unload(manager, id(), copy);
    }

    private static void unload(PluginManager manager, String id, Path copy) {
        try {
            manager.unloadPlugin(id);
        } catch (RuntimeException e) {
            LOG.warn("Plugin {} did not unload cleanly: {}", id, e.toString());
        }
        delete(copy);
    }

    private static void delete(Path copy) {
        try {
            Files.deleteIfExists(copy);
        } catch (IOException e) {
            LOG.warn("The copy {} of a plugin JAR could not be deleted: {}", copy, e.toString());
        }
    }

    private static String rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause != null && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return String.valueOf(cause);
    }

    @Override
    public String toString() {
        return id() + " " + version() + " (" + file.getFileName() + ")";
    }
}
