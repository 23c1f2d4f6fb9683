package dev.junction.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Builds a real PF4J plugin JAR from test classes: a manifest with the plugin id and the plugin API
 * range it requires, the classes, and the extension index naming the factory.
 */
public final class PluginJar {

    private PluginJar() {}

    /**
     * @param factory the {@code BackendFactory} extension, indexed in {@code META-INF/extensions.idx}
     * @param classes every class the JAR holds (the factory among them); classes not in the JAR
     *     load from the gateway's class path
     */
    public static Path write(Path dir, String pluginId, String requires, Class<?> factory, Class<?>... classes) {
        return plugin(pluginId).requires(requires).extension(factory.getName()).classes(classes)
                .write(dir.resolve(pluginId + ".jar"));
    }

    /** A JAR of plugin {@code pluginId} (none in its manifest when null), version 1.0.0, to fill in. */
    public static Builder plugin(String pluginId) {
        return new Builder(pluginId);
    }

    /** The parts of one plugin JAR. */
    public static final class Builder {

        private final String pluginId;
        private String version = "1.0.0";
        private String requires = "*";
        private final List<String> extensions = new ArrayList<>();
        private final List<Class<?>> classes = new ArrayList<>();
        private final Map<String, String> resources = new LinkedHashMap<>();

        private Builder(String pluginId) {
            this.pluginId = pluginId;
        }

        public Builder version(String version) {
            this.version = version;
            return this;
        }

        /** The {@code Plugin-Requires} range ({@code *} when not set). */
        public Builder requires(String range) {
            this.requires = range;
            return this;
        }

        /** A line of {@code META-INF/extensions.idx}: an extension's class name. */
        public Builder extension(String className) {
            extensions.add(className);
            return this;
        }

        /** Classes the JAR holds; classes not in it load from the gateway's class path. */
        public Builder classes(Class<?>... types) {
            classes.addAll(List.of(types));
            return this;
        }

        /** A text resource the plugin's class loader finds at {@code name}. */
        public Builder resource(String name, String text) {
            resources.put(name, text);
            return this;
        }

        /** Writes the JAR at {@code jar}, its folder made when missing; the path. */
        public Path write(Path jar) {
            try {
                Files.createDirectories(jar.toAbsolutePath().getParent());
                try (OutputStream file = Files.newOutputStream(jar);
                        JarOutputStream out = new JarOutputStream(file, manifest())) {
                    for (Class<?> type : classes) {
                        String entry = type.getName().replace('.', '/') + ".class";
                        out.putNextEntry(new JarEntry(entry));
                        try (InputStream in = type.getClassLoader().getResourceAsStream(entry)) {
                            in.transferTo(out);
                        }
                    }
                    for (Map.Entry<String, String> resource : resources.entrySet()) {
                        out.putNextEntry(new JarEntry(resource.getKey()));
                        out.write(resource.getValue().getBytes(StandardCharsets.UTF_8));
                    }
                    out.putNextEntry(new JarEntry("META-INF/extensions.idx"));
                    for (String extension : extensions) {
                        out.write((extension + "\n").getBytes(StandardCharsets.UTF_8));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return jar;
        }

        private Manifest manifest() {
            Manifest manifest = new Manifest();
            Attributes attributes = manifest.getMainAttributes();
            attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
            if (pluginId != null) {
                attributes.putValue("Plugin-Id", pluginId);
            }
            attributes.putValue("Plugin-Version", version);
            attributes.putValue("Plugin-Requires", requires);
            return manifest;
        }
    }
}
