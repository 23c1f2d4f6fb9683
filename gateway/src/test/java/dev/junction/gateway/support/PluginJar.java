package dev.junction.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        Manifest manifest = new Manifest();
        Attributes attributes = manifest.getMainAttributes();
        attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.putValue("Plugin-Id", pluginId);
        attributes.putValue("Plugin-Version", "1.0.0");
        attributes.putValue("Plugin-Requires", requires);
        Path jar = dir.resolve(pluginId + ".jar");
        try {
            Files.createDirectories(dir);
            try (OutputStream file = Files.newOutputStream(jar);
                    JarOutputStream out = new JarOutputStream(file, manifest)) {
                for (Class<?> type : classes) {
                    String entry = type.getName().replace('.', '/') + ".class";
                    out.putNextEntry(new JarEntry(entry));
                    try (InputStream in = type.getClassLoader().getResourceAsStream(entry)) {
                        in.transferTo(out);
                    }
                }
                out.putNextEntry(new JarEntry("META-INF/extensions.idx"));
                out.write((factory.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }
}
