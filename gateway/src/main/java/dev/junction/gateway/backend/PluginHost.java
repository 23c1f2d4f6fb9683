package dev.junction.gateway.backend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins of one plugin folder, kept in line with it by {@link #refresh}: each JAR is a plugin
 * whose id is its {@code Plugin-Id}, loaded on its own ({@link LoadedPlugin}). A JAR dropped in is
 * loaded; a new version of a loaded plugin (same id, same or another file) becomes the one that
 * {@link #current serves}, and the one it replaces is {@code stopping} until no backend uses it,
 * then unloaded; a JAR removed stops its plugin the same way. A JAR that cannot be loaded is
 * reported once, with the reason, and changes nothing else: a broken new version of a loaded
 * plugin leaves the loaded one serving.
 *
 * <p>{@link #start}, {@link #refresh} and {@link #stop} do file I/O: call them off the event loop,
 * one at a time. The other methods may be called from any thread.
 */
public final class PluginHost {

    private static final Logger LOG = LoggerFactory.getLogger(PluginHost.class);

    private final PluginFolder folder;
    private final String apiVersion;
    private final Map<String, LoadedPlugin> current = new ConcurrentHashMap<>();
    private final Set<LoadedPlugin> stopping = ConcurrentHashMap.newKeySet();
    private final Map<Path, RefusedPlugin> refused = new ConcurrentHashMap<>();
    private final Map<String, String> removed = new ConcurrentHashMap<>();
    private final Map<Path, String> idOfFile = new ConcurrentHashMap<>();
    private Path copies;
    private long loads;

    /** @param apiVersion the plugin API version plugins are checked against */
    public PluginHost(Path dir, String apiVersion) {
        this.folder = new PluginFolder(dir);
        this.apiVersion = apiVersion;
    }

    /** Loads and starts every plugin in the folder. */
    public void start() {
        refresh(false);
    }

    /**
     * Brings the plugins in line with the folder: unloads the stopping plugins no backend uses any
     * more, stops the plugins whose JAR left, loads the JARs new or changed since the last refresh.
     *
     * @param settledOnly whether a new or changed JAR waits until it stays the same across two
     *     refreshes (so a JAR still being copied is not loaded half); when not, it loads at once
     * @return whether a plugin was added, replaced or removed (the backends then need reconciling)
     */
    public synchronized boolean refresh(boolean settledOnly) {
        stopping.stream().filter(plugin -> !plugin.inUse()).toList().forEach(plugin -> {
            stopping.remove(plugin);
            plugin.unload();
            LOG.info("Plugin {} unloaded", plugin);
        });
        PluginFolder.Changes changes;
        try {
            changes = folder.scan(settledOnly);
        } catch (IOException e) {
            LOG.warn("Plugin folder {} could not be read: {}", folder.dir(), e.toString());
            return false;
        }
        changes.removed().forEach(this::removed);
        changes.ready().forEach(this::load);
        return !changes.isEmpty();
    }

    private void load(Path file) {
        try {
            LoadedPlugin plugin = LoadedPlugin.load(file, copies().resolve(++loads + "-" + file.getFileName()), apiVersion);
            refused.remove(file);
            removed.remove(plugin.id());
            idOfFile.put(file, plugin.id());
            List.copyOf(current.values()).stream()
                    .filter(other -> other.file().equals(file) && !other.id().equals(plugin.id()))
                    .forEach(other -> stop(other, "its JAR now holds plugin " + plugin.id()));
            LoadedPlugin old = current.put(plugin.id(), plugin);
            if (old == null) {
                LOG.info("Plugin {} loaded", plugin);
            } else {
                stopping.add(old);
                LOG.info("Plugin {} replaces {}, which stops once the answers it serves have ended", plugin, old);
            }
        } catch (RefusedPlugin e) {
            refused.put(file, e);
            if (e.id() != null) {
                idOfFile.put(file, e.id());
            }
            LOG.warn("Plugin JAR {} is not loaded: {}", file, e.getMessage());
        }
    }

    private void removed(Path file) {
        refused.remove(file);
        String id = idOfFile.remove(file);
        LoadedPlugin plugin = id == null ? null : current.get(id);
        if (plugin == null || !plugin.file().equals(file)) {
            return;
        }
        removed.put(id, "plugin '" + id + "' was removed from " + folder.dir());
        stop(plugin, "its JAR was removed");
        idOfFile.forEach((other, otherId) -> {
            if (otherId.equals(id)) {
                folder.forget(other);
            }
        });
    }

    private void stop(LoadedPlugin plugin, String why) {
        current.remove(plugin.id(), plugin);
        stopping.add(plugin);
        LOG.info("Plugin {} stops once the answers it serves have ended: {}", plugin, why);
    }

    private Path copies() {
        if (copies == null) {
            try {
                copies = Files.createTempDirectory("junction-plugins-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return copies;
    }

    /** Stops and unloads every plugin, and deletes the copies of their JARs. */
    public synchronized void stop() {
        current.values().forEach(LoadedPlugin::unload);
        stopping.forEach(LoadedPlugin::unload);
        current.clear();
        stopping.clear();
        if (copies != null) {
            try {
                Files.deleteIfExists(copies);
            } catch (IOException e) {
                LOG.warn("Folder {} could not be deleted: {}", copies, e.toString());
            }
        }
    }

    /** The version of {@code pluginId} that serves new backends. */
    Optional<LoadedPlugin> current(String pluginId) {
        return Optional.ofNullable(current.get(pluginId));
    }

    /** Whether {@code plugin} is still the version of its id that serves new backends. */
    boolean serves(LoadedPlugin plugin) {
        return current.get(plugin.id()) == plugin;
    }

    /**
     * Each plugin id of the folder and its state in lower case: {@code started}, or for a JAR that
     * could not be loaded {@code disabled} or {@code failed}.
     */
    public Map<String, String> states() {
        Map<String, String> states = new TreeMap<>();
        refused.values().stream().filter(refusal -> refusal.id() != null)
                .forEach(refusal -> states.put(refusal.id(), refusal.state()));
        current.keySet().forEach(id -> states.put(id, "started"));
        return states;
    }

    /** Each JAR of the folder, loaded or not, and each plugin still stopping, by file name. */
    public List<PluginInfo> plugins() {
        List<PluginInfo> plugins = new ArrayList<>();
        current.values().forEach(plugin -> plugins.add(info(plugin, "started", null)));
        stopping.forEach(plugin -> plugins.add(info(plugin, "stopping", "finishing the answers it serves")));
        refused.forEach((file, refusal) -> plugins.add(refusal.info(file)));
        plugins.sort(Comparator.comparing(PluginInfo::file).thenComparing(PluginInfo::state));
        return plugins;
    }

    private static PluginInfo info(LoadedPlugin plugin, String state, String error) {
        return new PluginInfo(plugin.id(), plugin.version(), state, plugin.file().getFileName().toString(), error);
    }

    /** Why {@link #current} finds nothing for {@code pluginId}, in words for {@code /health}. */
    public String whyMissing(String pluginId) {
        return refused.entrySet().stream()
                .filter(entry -> pluginId.equals(entry.getValue().id()))
                .findFirst()
                .map(entry -> "plugin '" + pluginId + "' (" + entry.getKey().getFileName() + ") is "
                        + entry.getValue().state() + ": " + entry.getValue().getMessage())
                .or(() -> Optional.ofNullable(removed.get(pluginId)))
                .orElse("plugin '" + pluginId + "' is not installed in " + folder.dir());
    }
}
