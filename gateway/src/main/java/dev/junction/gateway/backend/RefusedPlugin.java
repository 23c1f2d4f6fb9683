package dev.junction.gateway.backend;

import java.nio.file.Path;

/** Why a plugin JAR was not loaded: as much of its descriptor as was read, its state and the reason. */
final class RefusedPlugin extends Exception {

    private final String id;
    private final String version;
    private final String state;

    /**
     * @param id the JAR's plugin id, or null when its descriptor could not be read
     * @param version its version, or null likewise
     * @param state {@code disabled} (another plugin API required) or {@code failed}
     */
    RefusedPlugin(String id, String version, String state, String reason) {
        super(reason, null, false, false);
        this.id = id;
        this.version = version;
        this.state = state;
    }

    String id() {
        return id;
    }

    String state() {
        return state;
    }

    /** The JAR {@code file} as {@code /health} shows it. */
    PluginInfo info(Path file) {
        return new PluginInfo(id, version, state, file.getFileName().toString(), getMessage());
    }
}
