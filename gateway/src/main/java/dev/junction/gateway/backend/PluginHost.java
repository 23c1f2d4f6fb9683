package dev.junction.gateway.backend;

import dev.junction.plugin.BackendFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.pf4j.JarPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PF4J plugins of one plugin folder: each JAR in it is a plugin whose id is its
 * {@code Plugin-Id}. A plugin whose {@code Plugin-Requires} does not accept this gateway's plugin
 * API version is not started. Loading and stopping do file I/O: call them off the event loop, one
 * at a time.
 */
public final class PluginHost {

    private static final Logger LOG = LoggerFactory.getLogger(PluginHost.class);

    private final Path dir;
    private final PluginManager manager;

    /** @param apiVersion the plugin API version plugins are checked against */
    public PluginHost(Path dir, String apiVersion) {
        this.dir = dir;
        this.manager = new JarPluginManager(dir);
        this.manager.setSystemVersion(apiVersion);
    }

    /** Loads and starts every plugin in the folder. */
    public void start() {
        if (Files.isDirectory(dir)) {
            manager.loadPlugins();
            manager.startPlugins();
        }
    }

    /**
     * Loads and starts the JARs added to the folder since it was last looked at, for a reload. A
     * JAR whose plugin id is already loaded (a new version of a plugin, say) is left for a restart,
     * with a warning; so is a JAR replaced in place.
     */
    public void loadNew() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        Set<Path> known = manager.getPlugins().stream()
                .map(plugin -> plugin.getPluginPath().toAbsolutePath().normalize())
                .collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(file -> file.getFileName().toString().endsWith(".jar"))
                    .filter(file -> !known.contains(file.toAbsolutePath().normalize()))
                    .forEach(this::load);
        } catch (IOException e) {
            LOG.warn("Plugin folder {} could not be listed for new plugins: {}", dir, e.toString());
        }
    }

    private void load(Path jar) {
        try {
            String id = manager.loadPlugin(jar);
            LOG.info("Plugin {} loaded from {}: {}", id, jar, manager.startPlugin(id).toString().toLowerCase(Locale.ROOT));
        } catch (PluginRuntimeException e) {
            LOG.warn("Plugin JAR {} was not loaded ({}); a restart loads it", jar, e.getMessage());
        }
    }

    /** Stops and unloads every plugin (one by one: PF4J's stopPlugins() trips over its own list). */
    public void stop() {
        manager.unloadPlugins();
    }

    /** The backend factory of a started plugin. */
    public Optional<BackendFactory> factory(String pluginId) {
        PluginWrapper plugin = manager.getPlugin(pluginId);
        if (plugin == null || plugin.getPluginState() != PluginState.STARTED) {
            return Optional.empty();
        }
        List<BackendFactory> factories = manager.getExtensions(BackendFactory.class, pluginId);
        return factories.stream().findFirst();
    }

    /** Each plugin of the folder and its state in lower case ({@code started}, {@code disabled}, {@code failed}...). */
    public Map<String, String> states() {
        Map<String, String> states = new TreeMap<>();
        manager.getPlugins().forEach(plugin ->
                states.put(plugin.getPluginId(), plugin.getPluginState().toString().toLowerCase(Locale.ROOT)));
        return states;
    }

    /**
     * Each JAR of the folder: the plugins loaded from it (started or not, and why not), then the JARs
     * not loaded ({@link UnloadedJar}), by file name. Reads the folder: call it off the event loop.
     */
    public List<PluginInfo> plugins() {
        List<PluginInfo> plugins = new ArrayList<>();
        Set<Path> loaded = new HashSet<>();
        manager.getPlugins().stream().sorted(Comparator.comparing(PluginWrapper::getPluginId)).forEach(plugin -> {
            loaded.add(plugin.getPluginPath().toAbsolutePath().normalize());
            boolean started = plugin.getPluginState() == PluginState.STARTED;
            plugins.add(new PluginInfo(
                    plugin.getPluginId(),
                    plugin.getDescriptor().getVersion(),
                    plugin.getPluginState().toString().toLowerCase(Locale.ROOT),
                    plugin.getPluginPath().getFileName().toString(),
                    started ? null : whyMissing(plugin.getPluginId())));
        });
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(file -> file.getFileName().toString().endsWith(".jar"))
                        .filter(file -> !loaded.contains(file.toAbsolutePath().normalize()))
                        .sorted()
                        .forEach(file -> plugins.add(UnloadedJar.describe(file, manager)));
            } catch (IOException e) {
                LOG.warn("Plugin folder {} could not be listed: {}", dir, e.toString());
            }
        }
        return plugins;
    }

    /** Why {@link #factory} finds nothing for {@code pluginId}, in words for {@code /health}. */
    public String whyMissing(String pluginId) {
        PluginWrapper plugin = manager.getPlugin(pluginId);
        if (plugin == null) {
            return "plugin '" + pluginId + "' is not installed in " + dir;
        }
        if (plugin.getPluginState() == PluginState.FAILED) {
            return "plugin '" + pluginId + "' failed to start: " + plugin.getFailedException();
        }
        if (plugin.getPluginState() != PluginState.STARTED) {
            return "plugin '" + pluginId + "' is " + plugin.getPluginState().toString().toLowerCase()
                    + " (it requires plugin API " + plugin.getDescriptor().getRequires()
                    + ", this gateway offers " + manager.getSystemVersion() + ")";
        }
        return "plugin '" + pluginId + "' provides no " + BackendFactory.class.getSimpleName() + " extension";
    }
}
