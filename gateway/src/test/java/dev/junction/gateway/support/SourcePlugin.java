package dev.junction.gateway.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Builds a plugin JAR at test time from a source folder outside the Maven reactor, as its author
 * would with the template {@code pom.xml}: the sources under {@code src/main/java} compiled against
 * the plugin API (javac finds PF4J's annotation processor on the class path, which writes the
 * extension index), and the PF4J manifest. Edits to the sources make another version.
 */
public final class SourcePlugin {

    /** The example plugin of the author's guide: {@code plugin-api/example}. */
    public static final Path EXAMPLE = Path.of("..", "plugin-api", "example");

    private final Path sources;
    private final String id;

    /** @param folder a plugin project folder, holding {@code src/main/java} */
    public SourcePlugin(Path folder, String id) {
        this.sources = folder.resolve("src/main/java");
        this.id = id;
    }

    /**
     * Compiles the sources, each text of {@code edits} replaced by its value, into
     * {@code jar}: written beside it, then moved into place at once, as a deploy step would.
     */
    public Path build(Path work, String version, Map<String, String> edits, Path jar) {
        try {
            Path source = copySources(work.resolve("src-" + version), edits);
            Path classes = Files.createDirectories(work.resolve("classes-" + version));
            compile(source, classes);
            if (!Files.exists(classes.resolve("META-INF/extensions.idx"))) {
                throw new IllegalStateException("PF4J's annotation processor wrote no extension index");
            }
            Path built = work.resolve(id + "-" + version + ".jar");
            writeJar(classes, version, built);
            Files.createDirectories(jar.getParent());
            return Files.move(built, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path copySources(Path target, Map<String, String> edits) throws IOException {
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file);
                for (Map.Entry<String, String> edit : edits.entrySet()) {
                    text = text.replace(edit.getKey(), edit.getValue());
                }
                Path copy = target.resolve(sources.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.writeString(copy, text);
            }
        }
        return target;
    }

    private static void compile(Path source, Path classes) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> problems = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(problems, null, StandardCharsets.UTF_8);
                Stream<Path> walk = Files.walk(source)) {
            List<Path> java = walk.filter(file -> file.toString().endsWith(".java")).toList();
            List<String> options = List.of(
                    "--release", "17", "-d", classes.toString(), "-classpath", System.getProperty("java.class.path"));
            boolean ok = javac.getTask(null, files, problems, options, null, files.getJavaFileObjectsFromPaths(java))
                    .call();
            if (!ok) {
                throw new IllegalStateException("the plugin does not compile: " + problems.getDiagnostics());
            }
        }
    }

    private void writeJar(Path classes, String version, Path jar) throws IOException {
        Manifest manifest = new Manifest();
        Attributes attributes = manifest.getMainAttributes();
        attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.putValue("Plugin-Id", id);
        attributes.putValue("Plugin-Version", version);
        attributes.putValue("Plugin-Requires", ">=1.0.0 & <2.0.0");
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest);
                Stream<Path> walk = Files.walk(classes)) {
            for (Path entry : walk.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(entry).toString().replace('\\', '/')));
                Files.copy(entry, out);
            }
        }
    }
}
