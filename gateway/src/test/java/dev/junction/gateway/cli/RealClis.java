package dev.junction.gateway.cli;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real Claude Code, Codex and Gemini CLIs, installed with npm at pinned versions into a
 * project-local folder ({@code target/real-clis} of the module under test, or the folder named by
 * the {@code junction.realClisDir} system property).
 *
 * <p>{@link #installed()} installs them once: it skips npm when the folder already holds the pinned
 * versions, and holds a file lock while it checks and installs, so parallel test JVMs do not race.
 * It fails with a message naming the cause when {@code npm} is missing, Node is too old, or the
 * install fails (with the tail of npm's log). Thread-safe.
 */
public final class RealClis {

    /** An npm package, its pinned version and the name of its executable in {@code node_modules/.bin}. */
    public record Package(String name, String version, String bin) {
        String spec() {
            return name + "@" + version;
        }
    }

    public static final Package CLAUDE_CODE = new Package("@anthropic-ai/claude-code", "2.1.197", "claude");
    public static final Package CODEX = new Package("@openai/codex", "0.169.0", "codex");
    public static final Package GEMINI_CLI = new Package("@google/gemini-cli", "0.61.0", "gemini");

    private static final List<Package> PACKAGES = List.of(CLAUDE_CODE, CODEX, GEMINI_CLI);
    /** Gemini CLI 0.61.0 needs Node 20 or newer. */
    private static final int MIN_NODE_MAJOR = 20;
    private static final long INSTALL_TIMEOUT_MINUTES = 10;
    /** Claude's npm wrapper leaves a small placeholder when its postinstall did not run. */
    private static final long NATIVE_BINARY_MIN_BYTES = 1_000_000;

    private static RealClis installed;

    private final Path dir;

    private RealClis(Path dir) {
        this.dir = dir;
    }

    /** The three CLIs, installed on first use. */
    public static synchronized RealClis installed() {
        if (installed == null) {
            Path dir = Path.of(System.getProperty("junction.realClisDir", "target/real-clis")).toAbsolutePath().normalize();
            installed = new RealClis(dir);
            installed.install();
        }
        return installed;
    }

    /** The npm prefix: every CLI process's command line contains it. */
    public Path dir() {
        return dir;
    }

    /** The Claude Code executable (the native binary). */
    public Path claude() {
        return nativeClaude().orElseThrow(() -> new IllegalStateException("no native Claude Code binary under " + dir));
    }

    /**
     * {@code .bin/claude} when Claude's postinstall put the native binary there, else the platform
     * package's binary (npm may skip install scripts), else empty.
     */
    private Optional<Path> nativeClaude() {
        Path bin = bin(CLAUDE_CODE);
        if (size(bin) >= NATIVE_BINARY_MIN_BYTES) {
            return Optional.of(bin);
        }
        try (Stream<Path> platforms = Files.list(dir.resolve("node_modules/@anthropic-ai"))) {
            return platforms.filter(p -> p.getFileName().toString().startsWith("claude-code-"))
                    .map(p -> p.resolve("claude"))
                    .filter(p -> size(p) >= NATIVE_BINARY_MIN_BYTES)
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The Codex launcher ({@code bin/codex.js}, which runs the native binary). */
    public Path codex() {
        return bin(CODEX);
    }

    /** The Gemini CLI bundle ({@code #!/usr/bin/env node}). */
    public Path gemini() {
        return bin(GEMINI_CLI);
    }

    private Path bin(Package pkg) {
        return dir.resolve("node_modules/.bin").resolve(pkg.bin());
    }

    private void install() {
        try {
            Files.createDirectories(dir);
            try (FileChannel channel = FileChannel.open(dir.resolve(".install.lock"),
                            StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                if (missing().isEmpty()) {
                    return;
                }
                checkNode();
                runNpm();
                List<String> stillMissing = missing();
                if (!stillMissing.isEmpty()) {
                    throw new IllegalStateException("npm finished but these CLIs are missing or at another version in "
                            + dir + ": " + stillMissing + "\n" + tail(dir.resolve("npm-install.log")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install the real CLIs into " + dir, e);
        }
    }

    /** The packages that are absent or at another version, as {@code name@version}. */
    private List<String> missing() {
        List<String> missing = new ArrayList<>();
        for (Package pkg : PACKAGES) {
            Path manifest = dir.resolve("node_modules").resolve(pkg.name()).resolve("package.json");
            try {
                String version = new JsonObject(Files.readString(manifest)).getString("version");
                boolean runnable = pkg == CLAUDE_CODE ? nativeClaude().isPresent() : Files.exists(bin(pkg));
                if (!pkg.version().equals(version) || !runnable) {
                    missing.add(pkg.spec());
                }
            } catch (IOException | RuntimeException e) {
                missing.add(pkg.spec());
            }
        }
        return missing;
    }

    private void checkNode() {
        String version;
        try {
            Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            version = new String(node.getInputStream().readAllBytes()).trim();
            node.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new IllegalStateException("The real-CLI tests need Node.js " + MIN_NODE_MAJOR
                    + "+ and npm on the PATH to install Claude Code, Codex and Gemini CLI; `node` was not found ("
                    + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        int major;
        try {
            major = Integer.parseInt(version.replaceFirst("^v", "").split("\\.")[0]);
        } catch (NumberFormatException e) {
            major = -1;
        }
        if (major < MIN_NODE_MAJOR) {
            throw new IllegalStateException("The real-CLI tests need Node.js " + MIN_NODE_MAJOR
                    + "+ (Gemini CLI " + GEMINI_CLI.version() + " requires it); `node --version` printed: " + version);
        }
    }

    private void runNpm() throws IOException {
        List<String> command = new ArrayList<>(List.of("npm", "install", "--prefix", dir.toString(), "--no-audit", "--no-fund"));
        PACKAGES.forEach(pkg -> command.add(pkg.spec()));
        Path log = dir.resolve("npm-install.log");
        Process npm;
        try {
            npm = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("The real-CLI tests install Claude Code, Codex and Gemini CLI with npm, "
                    + "but `npm` was not found on the PATH. Install Node.js " + MIN_NODE_MAJOR + "+ with npm. ("
                    + e.getMessage() + ")", e);
        }
        try {
            if (!npm.waitFor(INSTALL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                npm.descendants().forEach(ProcessHandle::destroyForcibly);
                npm.destroyForcibly();
                throw new IllegalStateException("`" + String.join(" ", command) + "` took more than "
                        + INSTALL_TIMEOUT_MINUTES + " minutes\n" + tail(log));
            }
        } catch (InterruptedException e) {
            npm.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (npm.exitValue() != 0) {
            throw new IllegalStateException("`" + String.join(" ", command) + "` failed with exit code "
                    + npm.exitValue() + "\n" + tail(log));
        }
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log);
            return text.length() <= 4000 ? text : "..." + text.substring(text.length() - 4000);
        } catch (IOException e) {
            return "(no npm log: " + e.getMessage() + ")";
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
